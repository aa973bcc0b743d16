// Release builds: minify the JavaScript we ship (wasm-bindgen's glue and
// our loader) with terser. Trunk does not minify the glue it writes.
import { minify } from "terser";

/** `code` (an ES module) minified. */
export async function minifyModule(code) {
  const result = await minify(code, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
  return result.code + "\n";
}
