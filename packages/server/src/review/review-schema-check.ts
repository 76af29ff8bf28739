/** JSON-schema checks for backtesting `is-json` proposals on the server (ajv, compiled once per schema). */
import type { SchemaCheck } from "@genchi/core";
import { Ajv } from "ajv";

/**
 * @example reviewSchemaCheck()({ type: "object" }, {}) // → null
 */
export function reviewSchemaCheck(): SchemaCheck {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const compiled = new Map<string, ReturnType<Ajv["compile"]>>();
  return (schema, data) => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema as object);
      compiled.set(key, validate);
    }
    return validate(data) ? null : ajv.errorsText(validate.errors);
  };
}
