// C# source read with tree-sitter's C# grammar (WebAssembly, from npm): the syntax check the generated
// C# SDK gets on a machine without the .NET SDK, and the declarations to assert on.

import * as path from "node:path";
import { Language, Parser } from "web-tree-sitter";
import type { Node } from "web-tree-sitter";

export interface CSharpFile {
  /** Lines (1-based) where the grammar found an error or a missing token. */
  errorLines: number[];
  /** Every class declared, with its base list as written and the names of its properties. */
  classes: Array<{ name: string; bases: string; properties: string[] }>;
}

let parser: Promise<Parser> | undefined;

function csharpParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = path.join(path.dirname(require.resolve("tree-sitter-c-sharp/package.json")), "tree-sitter-c_sharp.wasm");
    const p = new Parser();
    p.setLanguage(await Language.load(wasm));
    return p;
  })();
  return parser;
}

export async function readCSharp(source: string): Promise<CSharpFile> {
  const tree = (await csharpParser()).parse(source);
  if (tree === null) throw new Error("tree-sitter returned no tree");
  const errorLines: number[] = [];
  const classes: CSharpFile["classes"] = [];
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) errorLines.push(node.startPosition.row + 1);
    if (node.type === "class_declaration") {
      const properties = node.descendantsOfType("property_declaration").flatMap((p) => p?.childForFieldName("name")?.text ?? []);
      classes.push({
        name: node.childForFieldName("name")?.text ?? "",
        bases: node.children.find((c) => c?.type === "base_list")?.text ?? "",
        properties,
      });
    }
    for (const child of node.children) if (child !== null) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  return { errorLines, classes };
}
