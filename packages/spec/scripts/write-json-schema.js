// Writes packages/spec/genchi.schema.json from the compiled zod schemas.
import { writeFileSync } from "node:fs";
import { genchiJsonSchema } from "../dist/index.js";

const target = new URL("../genchi.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(genchiJsonSchema(), null, 2)}\n`);
