/**
 * A small XML reader for DMN files: saxes (strict XML 1.0 with namespaces) turned into a tree of
 * elements with their namespace URI, attributes, text and the line where each starts. A file that
 * is not well-formed XML is refused with saxes' message and its line and column; nothing here
 * throws anything else on bad input.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlAttribute {
  readonly local: string;
  readonly uri: string;
  readonly value: string;
}

export interface XmlElement {
  /** the local name, without its prefix */
  readonly name: string;
  /** the namespace URI ('' when none) */
  readonly uri: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** the text directly inside the element (CDATA included), as written */
  readonly text: string;
  /** 1-based line and column of the element's start tag */
  readonly line: number;
  readonly column: number;
}

/** Not well-formed XML, or nested beyond the limit: the message names the line and column. */
export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Elements nested deeper than this are refused (a DMN model needs about ten levels). */
export const XML_DEPTH_LIMIT = 200;

interface Building {
  name: string;
  uri: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  text: string;
  line: number;
  column: number;
}

/** An attribute's value by local name (and namespace URI, '' for an unprefixed attribute). */
export function attr(e: XmlElement, local: string, uri = ''): string | undefined {
  return e.attributes.find((a) => a.local === local && a.uri === uri)?.value;
}

/** The children with this local name (in any namespace `accept` admits). */
export function childrenNamed(e: XmlElement, name: string, accept: (uri: string) => boolean): XmlElement[] {
  return e.children.filter((c) => c.name === name && accept(c.uri));
}

/** Reads a whole document; returns its root element or throws XmlError. */
export function readXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Building[] = [];
  let root: XmlElement | undefined;
  let failure: XmlError | undefined;
  // Where the current start tag began: saxes reports positions after the tag.
  let startLine = 1;
  let startColumn = 1;
  const fail = (message: string) => {
    failure ??= new XmlError(message, parser.line, parser.column + 1);
  };
  parser.on('error', (e) => {
    // saxes prefixes its messages with "line:column: "; keep only the reason, positions are ours.
    fail(e.message.replace(/^\d+:\d+: /, ''));
  });
  parser.on('opentagstart', () => {
    startLine = parser.line;
    startColumn = parser.column;
  });
  parser.on('opentag', (tag) => {
    if (failure) return;
    if (stack.length >= XML_DEPTH_LIMIT) {
      fail(`elements are nested more than ${XML_DEPTH_LIMIT} levels deep`);
      return;
    }
    const t = tag as SaxesTagNS;
    const attributes = Object.values(t.attributes)
      .filter((a) => a.prefix !== 'xmlns' && a.name !== 'xmlns')
      .map((a) => ({ local: a.local, uri: a.uri ?? '', value: a.value }));
    stack.push({ name: t.local, uri: t.uri ?? '', attributes, children: [], text: '', line: startLine, column: startColumn });
  });
  const addText = (s: string) => {
    const top = stack[stack.length - 1];
    if (top && !failure) top.text += s;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (failure) return;
    const done = stack.pop();
    if (!done) return;
    const element: XmlElement = done;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    fail((e as Error).message);
  }
  if (failure) throw failure;
  if (!root) throw new XmlError('the file has no root element', 1, 1);
  return root;
}
