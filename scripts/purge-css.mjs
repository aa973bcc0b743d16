// Drops the nhsuk-frontend rules whose classes the app never uses, so the
// stylesheet the browser must fetch and parse before the first paint holds
// only what draws this app. Our own `app-` rules are always kept.
//
// "Used" means the class name appears in the app's sources (Rust views,
// index.html, the loader). A name built at run time, such as
// `nhsuk-grid-column-{column}`, appears as a prefix ending in "-", and every
// class starting with it is kept.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every `nhsuk-` class name (or run-time prefix) in these files and folders. */
export function usedClasses(paths) {
  const files = paths.flatMap(function walk(path) {
    return statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => walk(join(path, name))) : [path];
  });
  const used = new Set();
  for (const file of files) {
    for (const [name] of readFileSync(file, "utf8").matchAll(/nhsuk-[a-z0-9_-]*/g)) used.add(name);
  }
  return used;
}

/** `css` without the rules that need a class outside `used`. */
export function purge(css, used) {
  const prefixes = [...used].filter((name) => name.endsWith("-"));
  const isUsed = (name) => used.has(name) || prefixes.some((p) => name.startsWith(p));
  // Classes inside :not(), :is(), :where() or :has() are not required for
  // a match (`.row:not(.row--no-actions)` matches rows without it): ignore them.
  const required = (selector) => selector.replace(/:(not|is|where|has)\((?:[^()]|\([^()]*\))*\)/g, "");
  const keepSelector = (selector) => [...required(selector).matchAll(/\.(nhsuk-[a-zA-Z0-9_-]+)/g)].every(([, name]) => isUsed(name));
  return print(parse(css), keepSelector);
}

// A small parser for the compressed CSS that Sass writes: rules, and
// at-rules with or without a block. Strings and brackets are respected.
function parse(css) {
  let i = 0;
  // At a quote: moves `i` to the closing quote.
  function skipString() {
    const quote = css[i];
    for (i++; i < css.length && css[i] !== quote; i++) if (css[i] === "\\") i++;
  }
  function until(stops) {
    const start = i;
    let depth = 0;
    while (i < css.length) {
      const c = css[i];
      if (c === '"' || c === "'") skipString();
      else if (c === "/" && css[i + 1] === "*") {
        i = css.indexOf("*/", i + 2) + 1;
      } else if (c === "(" || c === "[") depth++;
      else if (c === ")" || c === "]") depth--;
      else if (depth === 0 && stops.includes(c)) break;
      i++;
    }
    return css.slice(start, i);
  }
  function block() {
    const nodes = [];
    while (i < css.length && css[i] !== "}") {
      const head = until("{;}");
      if (css[i] === ";" || css[i] === "}" || i >= css.length) {
        if (css[i] === ";") i++;
        if (head.trim()) nodes.push({ statement: head });
        continue;
      }
      i++; // {
      if (head.trim().startsWith("@") && !/^@(font-face|page)\b/.test(head.trim())) {
        const children = /^@(media|supports|layer|container)\b/.test(head.trim()) ? block() : null;
        if (children) nodes.push({ at: head, children });
        else {
          const body = rawBody();
          nodes.push({ at: head, body });
        }
      } else {
        nodes.push({ selector: head, body: rawBody() });
        continue;
      }
      i++; // }
    }
    return nodes;
  }
  function rawBody() {
    // Declarations, or an at-rule's own contents (keyframes): up to the matching brace.
    const start = i;
    let depth = 0;
    while (i < css.length) {
      const c = css[i];
      if (c === '"' || c === "'") skipString();
      else if (c === "{") depth++;
      else if (c === "}") {
        if (depth === 0) break;
        depth--;
      }
      i++;
    }
    const body = css.slice(start, i);
    i++; // }
    return body;
  }
  return block();
}

function splitSelectors(list) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}

function print(nodes, keepSelector) {
  let out = "";
  for (const node of nodes) {
    if (node.statement !== undefined) out += `${node.statement};`;
    else if (node.selector !== undefined) {
      const kept = splitSelectors(node.selector).filter(keepSelector);
      if (kept.length) out += `${kept.join(",")}{${node.body}}`;
    } else if (node.children) {
      const inner = print(node.children, keepSelector);
      if (inner) out += `${node.at}{${inner}}`;
    } else out += `${node.at}{${node.body}}`;
  }
  return out;
}
