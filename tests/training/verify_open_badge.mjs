// Checks an Open Badges VC-JWT with the npm package jose, a verifier independent of the
// portal's signer (joserfc): reads {"token": ..., "jwks": ...} as JSON on standard input,
// prints {"header", "payload"} when the signature holds, else the error, and exits 1.
import { createLocalJWKSet, jwtVerify } from "jose";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { token, jwks } = JSON.parse(input);
try {
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
    algorithms: ["EdDSA"],
  });
  process.stdout.write(JSON.stringify({ header: protectedHeader, payload }));
} catch (error) {
  process.stderr.write(`${error.code || "error"}: ${error.message}\n`);
  process.exit(1);
}
