import { z } from "zod";
import { apiErrorSchema, intakeAnswerSchema, trackingEventAnswerSchema, validationErrorSchema } from "./api-answers";
import { orderIntakeSchema } from "./order-intake-schema";
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS } from "./signature";
import { trackingEventSchema } from "./tracking-event-schema";

// The API reference served at GET /api/v1/openapi.json. Every schema in it is generated from the zod schema the
// endpoint validates with (requests as their input, answers as their output), so the reference cannot drift from
// the code; only the prose below is written by hand. OpenAPI 3.1 uses JSON Schema draft 2020-12 as its dialect.

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const answer = (description: string, schema: object) => ({ description, content: json(schema) });

const SIGNING = `Carrier requests are signed. Each API key comes with a signing secret (\`whsec_…\`), shown once next to the key
when an admin creates it in Settings. Send two headers:

- \`Authorization: Bearer <api key>\`
- \`${SIGNATURE_HEADER}: t=<unix seconds>,v1=<signature>\`

where \`<signature>\` is the lower-case hex HMAC-SHA256 of the text \`<t>.<raw body>\` (the timestamp, a full stop, then
the exact bytes of the request body), keyed by the whole signing secret including its \`whsec_\` prefix as UTF-8.
Sign the bytes you send: re-serialising the JSON after signing breaks the signature.

The timestamp must be within ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes of the server's clock, so sign each request (and each
retry) when sending it. Several \`v1=\` values may be sent (for example signed with the old and the new secret
while rotating); the request is accepted if any matches. Other schemes (\`v0=\`, \`v2=\`) are ignored.

In Node.js:

\`\`\`js
const t = Math.floor(Date.now() / 1000);
const v1 = crypto.createHmac("sha256", secret).update(\`\${t}.\${body}\`).digest("hex");
headers["${SIGNATURE_HEADER}"] = \`t=\${t},v1=\${v1}\`;
\`\`\`

A wrong or revoked key, a key without a signing secret (keys made before tracking events existed), a missing or
malformed signature, a stale timestamp or a signature that does not match is answered 401 and nothing is recorded.`;

const KEYS = `Admins create API keys in Settings → API keys; give each system its own key so one can be revoked alone.
Each key is made for one purpose, shown beside it in Settings and fixed for its life (to change it, revoke the key
and create another):

- **Order intake**: \`POST /api/v1/orders\` only.
- **Carrier events**: \`POST /api/v1/tracking-events\` only. Such a key may also be bound to carriers (UPS, USPS,
  FedEx, DHL, other): it then moves only orders shipped with one of them.
- **Both**: both endpoints (keys made before purposes existed are keys for both).

A key used outside its purpose, or a bound key naming an order shipped with another carrier (or with none), is
answered 403 with the reason, and nothing is recorded. An order that does not exist, or has not shipped yet, is
still answered 422.`;

const DESCRIPTION = `APIs for other systems: shops and order systems send new orders; carriers send tracking events.

## API keys

${KEYS}

Optional fields may be sent as null or "" as well as left out: all three mean "not given". Error messages name the
field and are written for the developer of the sending system.

## Signing tracking events

${SIGNING}`;

const TRACKING_DESCRIPTION = `One carrier scan or exception for an order, found by its order number or, failing that, its
tracking number (spaces, dashes and letter case are ignored).

- **Idempotent** on \`eventId\` per API key: the same event sent again changes nothing and repeats the first answer
  with \`duplicate: true\`.
- **Steps the carrier skipped** are walked in order (shipped → in transit → out for delivery → delivered), each
  recorded as a carrier event at \`occurredAt\`.
- **Late or repeated scans** for a status the order has reached or passed answer \`outcome: "ignored"\`, as do scans
  for a cancelled order and an exception of a kind already open on the order.
- **422** when no order matches, or the order has not shipped yet. Nothing is recorded, so the same event (same
  \`eventId\`) may be sent again later and will then apply.
- **403** when the key was made for order intake only, or is bound to carriers and the order went with another
  carrier (or with none). Nothing is recorded; the same key will be refused again, so use a key made for it.`;

let memo: Record<string, unknown> | null = null;

export function openApiDocument(): Record<string, unknown> {
  memo ??= buildDocument();
  return memo;
}

function buildDocument(): Record<string, unknown> {
  const badRequest = answer("The body is not JSON, or not a valid request (every problem is listed by field). Nothing was saved.", {
    anyOf: [ref("ValidationError"), ref("Error")],
  });
  const unauthorized = answer("Missing, unknown or revoked API key. Nothing was saved.", ref("Error"));
  const ordersForbidden = answer("The key was made for carrier events only. Nothing was saved.", ref("Error"));
  const eventsForbidden = answer(
    "The key was made for order intake only, or it is bound to carriers and the order was shipped with another carrier (or without one). Nothing was recorded.",
    ref("Error"),
  );
  const tooLarge = answer("The body is too large.", ref("Error"));
  const failed = answer("Something failed on Orderline's side; nothing was saved. Retry later.", ref("Error"));

  return {
    openapi: "3.1.0",
    info: { title: "Orderline API", version: "1", description: DESCRIPTION },
    paths: {
      "/api/v1/orders": {
        post: {
          operationId: "createOrder",
          summary: "Send a new order",
          description:
            "Records an order with its items and customer (an existing customer is reused by email). Idempotent on `externalId`: the same order sent again answers 200 with the order already recorded.",
          security: [{ apiKey: [] }],
          requestBody: { required: true, content: json(ref("OrderIntake")) },
          responses: {
            "201": answer("The order was recorded.", ref("OrderAnswer")),
            "200": answer("An order with this externalId was already recorded; nothing changed.", ref("OrderAnswer")),
            "400": badRequest,
            "401": unauthorized,
            "403": ordersForbidden,
            "413": tooLarge,
            "500": failed,
          },
        },
      },
      "/api/v1/tracking-events": {
        post: {
          operationId: "sendTrackingEvent",
          summary: "Send a carrier tracking event (signed)",
          description: TRACKING_DESCRIPTION,
          security: [{ apiKey: [], trackingSignature: [] }],
          requestBody: { required: true, content: json(ref("TrackingEvent")) },
          responses: {
            "200": answer("The event was recorded (or had been before: see `duplicate`).", ref("TrackingEventAnswer")),
            "400": badRequest,
            "401": answer("Missing, unknown or revoked API key, a key without a signing secret, or a missing, stale or wrong signature. Nothing was recorded.", ref("Error")),
            "403": eventsForbidden,
            "413": tooLarge,
            "422": answer("No order matches, or it has not shipped yet. Nothing was recorded; the same event may be sent again later.", ref("Error")),
            "500": failed,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key (`ol_…`) created by an admin in Settings → API keys, for order intake, carrier events or both (see above).",
        },
        trackingSignature: { type: "apiKey", in: "header", name: SIGNATURE_HEADER, description: SIGNING },
      },
      schemas: {
        OrderIntake: jsonSchema(orderIntakeSchema, "input"),
        TrackingEvent: jsonSchema(trackingEventSchema, "input"),
        OrderAnswer: jsonSchema(intakeAnswerSchema, "output"),
        TrackingEventAnswer: jsonSchema(trackingEventAnswerSchema, "output"),
        ValidationError: jsonSchema(validationErrorSchema, "output"),
        Error: jsonSchema(apiErrorSchema, "output"),
      },
    },
  };
}
