/**
 * DMN import: a DMN file's decision tables as a Doudi policy (`importDmn`), the problems it names
 * by DMN element id, and the small XML reader it is built on (also used to read the DMN TCK's
 * test cases). Environment-agnostic: the CLI reads and writes the files.
 */
export { importDmn, type DmnImport, type ImportOptions, type ImportedInput, type ImportedOutput } from './import.ts';
export { PROBLEMS, formatProblem, type Problem, type ProblemCode } from './problems.ts';
export { readXml, attr, XmlError, type XmlElement, type XmlAttribute } from './xml.ts';
export { parseUnaryTests, parseLiteral, decimalText, type Literal, type UnaryTests } from './feel.ts';
