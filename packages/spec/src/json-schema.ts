/** The JSON Schema of the public shapes, generated from the zod schemas (one source of truth). */
import { z } from "zod";
import { callInSchema, callSchema } from "./call.js";
import { callDetailSchema, callsPageSchema } from "./calls-query.js";
import { datasetItemSchema, datasetSchema } from "./dataset.js";
import { driftReportSchema, driftRequestSchema } from "./drift-report.js";
import { errorBodySchema } from "./errors.js";
import { evalRunComparisonSchema, evalRunSchema, storedEvalResultSchema } from "./eval-run.js";
import { feedbackInSchema, feedbackSchema } from "./feedback.js";
import { ingestResponseSchema } from "./ingest.js";
import { keyMetaSchema, projectSchema } from "./project.js";
import {
  annotationSchema,
  failureModeSchema,
  reviewQueueItemSchema,
  suiteAssertionSchema,
} from "./review.js";
import { bootstrapSchema, facetsSchema, feedbackSummarySchema, timeseriesSchema } from "./stats.js";

/** Builds one JSON Schema document whose `$defs` hold every public shape. */
export function genchiJsonSchema(): Record<string, unknown> {
  const shapes = {
    Call: callSchema,
    CallIn: callInSchema,
    CallDetail: callDetailSchema,
    CallsPage: callsPageSchema,
    Feedback: feedbackSchema,
    FeedbackIn: feedbackInSchema,
    IngestResponse: ingestResponseSchema,
    Project: projectSchema,
    KeyMeta: keyMetaSchema,
    ErrorBody: errorBodySchema,
    Timeseries: timeseriesSchema,
    Facets: facetsSchema,
    FeedbackSummary: feedbackSummarySchema,
    Bootstrap: bootstrapSchema,
    EvalRun: evalRunSchema,
    StoredEvalResult: storedEvalResultSchema,
    EvalRunComparison: evalRunComparisonSchema,
    Dataset: datasetSchema,
    DatasetItem: datasetItemSchema,
    Annotation: annotationSchema,
    FailureMode: failureModeSchema,
    ReviewQueueItem: reviewQueueItemSchema,
    SuiteAssertion: suiteAssertionSchema,
    DriftReport: driftReportSchema,
    DriftRequest: driftRequestSchema,
  };
  const defs: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(shapes)) {
    defs[name] = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://genchi.dev/schema/genchi.schema.json",
    title: "genchi public shapes",
    $defs: defs,
  };
}
