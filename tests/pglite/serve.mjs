// PostgreSQL with pgvector for the tests, with no server installed: PGlite (PostgreSQL compiled to
// WebAssembly) with its pgvector extension, served over the PostgreSQL wire protocol on loopback.
//
//   node tests/pglite/serve.mjs [PORT]      (no PORT or 0: a free port is chosen)
//
// Prints one line "pglite ready port=PORT" once it accepts connections. The database lives in
// memory and is gone when the process ends. It ends on SIGINT/SIGTERM and when its standard input
// closes, so a test run that dies does not leave it behind.
//
// PGlite is one PostgreSQL backend in one process: one session, one query at a time. Clients must
// use one connection (Npgsql: Maximum Pool Size=1); a few are accepted only so that a reconnect is not
// refused while the server is still closing the previous one.
import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

const requested = Number.parseInt(process.argv[2] ?? '0', 10)
if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
  console.error(`usage: node serve.mjs [PORT]; "${process.argv[2]}" is not a port`)
  process.exit(2)
}

const db = await PGlite.create({ extensions: { vector } })
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: requested, maxConnections: 4 })
let port = requested
server.addEventListener('listening', (event) => { port = event.detail.port })
await server.start()
console.log(`pglite ready port=${port}`)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await server.stop()
  await db.close()
  process.exit(0)
}

process.on('SIGINT', stop)
process.on('SIGTERM', stop)
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
