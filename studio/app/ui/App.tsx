/** The page: a header with the scenario, date and language; the editor left, the results right. */
import { Header } from './Header.tsx';
import { EditorPane } from '../editor/EditorPane.tsx';
import { ResultsPane } from '../results/ResultsPane.tsx';

export function App() {
  return (
    <div className="app">
      <Header />
      <main className="workbench">
        <EditorPane />
        <ResultsPane />
      </main>
    </div>
  );
}
