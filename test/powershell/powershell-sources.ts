import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

/** Where the PowerShell client lives, and the module inside it. */
export const REPO_ROOT = join(__dirname, '..', '..');
export const CLIENT_ROOT = join(REPO_ROOT, 'clients', 'powershell');
export const MODULE_ROOT = join(CLIENT_ROOT, 'RcGate');

const GRAMMAR_WASM = join(REPO_ROOT, 'node_modules', 'tree-sitter-powershell', 'tree-sitter-powershell.wasm');

/** Loading the wasm runtime and grammar is slow on a busy machine: give beforeAll this long. */
export const PARSER_LOAD_TIMEOUT_MS = 600_000;

let parserPromise: Promise<Parser> | undefined;

/** One PowerShell parser per test file (web-tree-sitter 0.25+ API: Parser.init, then Language.load). */
export function loadPowerShellParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    // Bytes, not a path: given a path, the CommonJS build reads it through a dynamic import(),
    // which jest refuses without --experimental-vm-modules.
    const language = await Language.load(readFileSync(GRAMMAR_WASM));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/** Parses source and hands the tree to fn, freeing the tree's wasm memory afterwards. */
export function withTree<T>(parser: Parser, source: string, fn: (tree: Tree) => T): T {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return fn(tree);
  } finally {
    tree.delete();
  }
}

export interface SyntaxProblem {
  kind: 'ERROR' | 'MISSING';
  /** For MISSING, the node the parser had to invent (such as '}'). */
  nodeType: string;
  line: number;
  column: number;
  excerpt: string;
}

/** Every ERROR and MISSING node, with 1-based line and column. */
export function findSyntaxProblems(parser: Parser, source: string): SyntaxProblem[] {
  return withTree(parser, source, (tree) => {
    const problems: SyntaxProblem[] = [];
    const visit = (node: Node): void => {
      if (node.isError || node.isMissing) {
        problems.push({
          kind: node.isMissing ? 'MISSING' : 'ERROR',
          nodeType: node.type,
          line: node.startPosition.row + 1,
          column: node.startPosition.column + 1,
          excerpt: source.split('\n')[node.startPosition.row]?.trim().slice(0, 80) ?? '',
        });
      }
      // Only subtrees that contain an error are worth walking.
      if (node.hasError || node.isMissing) node.children.forEach(visit);
    };
    visit(tree.rootNode);
    return problems;
  });
}

/** Every .ps1, .psm1 and .psd1 file under dir, sorted. */
export function listPowerShellFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listPowerShellFiles(path));
    else if (/\.(ps1|psm1|psd1)$/i.test(entry.name)) found.push(path);
  }
  return found.sort();
}

/** The .ps1 files of one module folder (Public or Private). */
export function listFunctionFiles(folder: 'Public' | 'Private'): string[] {
  return listPowerShellFiles(join(MODULE_ROOT, folder)).filter((file) => file.endsWith('.ps1'));
}

export function functionNameOf(file: string): string {
  return basename(file, '.ps1');
}

export function repoRelative(file: string): string {
  return relative(REPO_ROOT, file);
}
