// The peer: the Neo4j GraphQL Library (@neo4j/graphql 7) serving helsegraf's graph over HTTP.
//
//   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... \
//     node server.mjs TYPEDEFS_FILE PORT
//
// TYPEDEFS_FILE is written by `python -m bench.peer.typedefs` (generated from schema/model.py).
// Listens on 127.0.0.1 only; prints one line `peer ready http://127.0.0.1:PORT/` when it serves.
// The generated Cypher is in the library's debug log: DEBUG=@neo4j/graphql:* node server.mjs ...
import { readFileSync } from "node:fs";
import net from "node:net";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

function fail(message) {
    console.error(`peer: ${message}`);
    process.exit(2);
}

const [typeDefsFile, portText] = process.argv.slice(2);
if (!typeDefsFile || portText === undefined) fail("usage: node server.mjs TYPEDEFS_FILE PORT");
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a number 0-65535, got ${portText}`);
const { NEO4J_URI, NEO4J_USER = "neo4j", NEO4J_PASSWORD } = process.env;
if (!NEO4J_URI || !NEO4J_PASSWORD) fail("set NEO4J_URI and NEO4J_PASSWORD");

let typeDefs;
try {
    typeDefs = readFileSync(typeDefsFile, "utf8");
} catch (e) {
    fail(`cannot read ${typeDefsFile}: ${e.message}`);
}

// The JavaScript driver leaves Nagle's algorithm on for its Bolt socket: with the server's delayed
// ACKs, a query whose messages go out in two writes waited ~40 ms on loopback (proposals_mentioning
// 52 ms vs 0.8 ms for the same Cypher from the Python driver). Turned off here, as
// helsegraf's Python driver has it, so that the comparison is with the library at its best.
const connect = net.connect;
net.connect = function (...args) {
    return connect.apply(this, args).setNoDelay(true);
};

const driver = neo4j.driver(NEO4J_URI, neo4j.auth.basic(NEO4J_USER, NEO4J_PASSWORD));
try {
    await driver.verifyConnectivity();
} catch (e) {
    fail(`cannot reach Neo4j at ${NEO4J_URI}: ${e.message}`);
}
// Case-insensitive string filters (`caseInsensitive: {contains: ...}`) are an opt-in feature
const neoSchema = new Neo4jGraphQL({
    typeDefs,
    driver,
    features: { filters: { String: { CASE_INSENSITIVE: true } } },
});
const server = new ApolloServer({ schema: await neoSchema.getSchema() });
const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port } });
console.log(`peer ready ${url}`);

async function stop() {
    await server.stop();
    await driver.close();
    process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
