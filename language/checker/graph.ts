/** Dependencies between definitions and parameters: cycles are reported, the rest is ordered. */

export interface Graph {
  /** node → the nodes it reads */
  readonly edges: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Tarjan's strongly connected components; returns the cyclic ones and a dependency-first order. */
export function analyse(g: Graph): { cycles: string[][]; order: string[] } {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const order: string[] = [];

  // Iterative to stay safe on long chains.
  for (const root of g.edges.keys()) {
    if (idx.has(root)) continue;
    const work: { node: string; it: Iterator<string> }[] = [];
    const enter = (v: string) => {
      idx.set(v, index);
      low.set(v, index);
      index++;
      stack.push(v);
      onStack.add(v);
      work.push({ node: v, it: (g.edges.get(v) ?? new Set<string>()).values() });
    };
    enter(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const next = top.it.next();
      if (!next.done) {
        const w = next.value;
        if (!g.edges.has(w)) continue;
        if (!idx.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, idx.get(w)!));
        continue;
      }
      work.pop();
      const v = top.node;
      if (work.length) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || g.edges.get(v)?.has(v)) cycles.push(comp.reverse());
        order.push(...comp);
      }
    }
  }
  return { cycles, order };
}

/** A readable path around a cycle, starting and ending at its first node. */
export function cyclePath(g: Graph, comp: readonly string[]): string[] {
  const inComp = new Set(comp);
  const start = comp[0]!;
  const path = [start];
  const seen = new Set([start]);
  let cur = start;
  for (;;) {
    const nexts = [...(g.edges.get(cur) ?? [])].filter((n) => inComp.has(n));
    const back = nexts.find((n) => n === start);
    if (back && path.length > 1) break;
    const n = nexts.find((x) => !seen.has(x)) ?? back;
    if (!n) break;
    if (n === start) break;
    path.push(n);
    seen.add(n);
    cur = n;
  }
  path.push(start);
  return path;
}

/**
 * The length of the longest chain of nodes each reading the next, from each node (1 for a node
 * that reads nothing), in one pass over a dependency-first `order`. Edges within a cycle are not
 * followed (cycles are reported on their own).
 */
export function chainLengths(g: Graph, order: readonly string[]): Map<string, number> {
  const length = new Map<string, number>();
  for (const v of order) {
    let longest = 0;
    for (const w of g.edges.get(v) ?? []) longest = Math.max(longest, length.get(w) ?? 0);
    length.set(v, longest + 1);
  }
  return length;
}

/** One longest chain from `start`, following at each step a node whose chain is one shorter. */
export function longestChain(g: Graph, length: ReadonlyMap<string, number>, start: string): string[] {
  const chain = [start];
  for (let v = start, n = length.get(start) ?? 1; n > 1; n--) {
    const next = [...(g.edges.get(v) ?? [])].find((w) => length.get(w) === n - 1);
    if (!next) break;
    chain.push(next);
    v = next;
  }
  return chain;
}
