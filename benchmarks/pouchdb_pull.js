// PouchDB's own replicator (npm `pouchdb` with the memory adapter) pulling a database, for comparison with ours.
// Usage: node benchmarks/pouchdb_pull.js DB_URL USER   (the password is read from standard input)
// Prints one JSON object: {"docs": N, "seconds": S}.
const PouchDB = require("pouchdb").plugin(require("pouchdb-adapter-memory"));

async function main() {
  const [url, user] = process.argv.slice(2);
  const password = require("fs").readFileSync(0, "utf8").trim();
  const source = new PouchDB(url, { auth: { username: user, password }, skip_setup: true });
  const target = new PouchDB("bench-" + Date.now(), { adapter: "memory" });
  const started = process.hrtime.bigint();
  const result = await target.replicate.from(source, { batch_size: 1000, batches_limit: 4 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const info = await target.info();
  console.log(JSON.stringify({ docs: info.doc_count, written: result.docs_written, seconds }));
}

main().catch((err) => { console.error(String(err)); process.exit(1); });
