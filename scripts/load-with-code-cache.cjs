// Inlined into dist/cli.cjs by scripts/bundle-cli.mjs, in place of require('./cli-commands.cjs').
// Loads the commands bundle with the V8 code cache kept beside it, so that a run does not parse
// and compile again the functions every hook runs (about 6 ms of a pre-commit hook's start-up
// here). V8 checks that the cache was made by this node with these flags, and its checksum; the
// bundle's own size and modification time, written at the head of the cache, tie it to this very
// file. A run that found no cache it could use leaves one at its exit (scripts/code-cache.mjs
// makes the first at build). The bundle holds no dynamic import: code compiled so has no module
// loader to call.
function loadWithCodeCache(request) {
  if (loadWithCodeCache.loaded) return loadWithCodeCache.loaded;
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  const file = path.join(__dirname, request);
  const cacheFile = `${file}.v8-cache`;
  // V8 checks a cache's checksum only when told to: a cache damaged on disk would otherwise crash
  // node, or run as wrong code. The flag is part of what a cache is made with, so it is set when
  // one is read and when one is made, and only then: left on, it made a hook 6–10 ms slower here
  // (node's own modules have caches made without it).
  const v8 = require('node:v8');
  const checksums = (on) => v8.setFlagsFromString(on ? '--verify-snapshot-checksum' : '--no-verify-snapshot-checksum');
  const stat = fs.statSync(file);
  const stamp = `leakguard ${process.version} ${process.arch} ${stat.size} ${stat.mtimeMs}\n`;
  let cachedData;
  try {
    const saved = fs.readFileSync(cacheFile);
    if (saved.toString('latin1', 0, stamp.length) === stamp) cachedData = saved.subarray(stamp.length);
  } catch {
    // none yet: this run makes it
  }
  const source = fs.readFileSync(file, 'utf8');
  // the wrapper node gives a CommonJS module, on the source's first line as node puts it
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  checksums(true);
  let script;
  try {
    script = new vm.Script(wrapped, { filename: file, cachedData });
  } finally {
    checksums(false);
  }
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(module.exports, module.exports, require('node:module').createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      try {
        // made at the end: it then holds every function this run compiled, not only the top level
        checksums(true);
        fs.writeFileSync(temp, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]));
        fs.renameSync(temp, cacheFile);
      } catch {
        // a read-only install: runs go on without a cache
        try {
          fs.rmSync(temp, { force: true });
        } catch {
          // nothing was written
        }
      }
    });
  }
  loadWithCodeCache.loaded = module.exports;
  return module.exports;
}
