/**
 * The page: asks the example server for a suggestion, shows it, and reports what the user
 * does with it to genchi through the browser snippet served by genchi itself.
 */
const config = await (await fetch("/config.json")).json();
const { genchiFeedback } = await import(`${config.genchiUrl}/sdk/feedback.js`);
const feedback = genchiFeedback({ url: config.genchiUrl, key: config.publicKey });

const $ = (id) => document.getElementById(id);
const status = (text) => {
  $("status").textContent = text;
};
let current = null;

/** Reports an outcome and shows what genchi stored. */
function report(outcome) {
  outcome.then((result) => {
    if (!result) return;
    const body = result.body;
    status(result.ok ? `sent ${body.kind} (${body.label})` : `feedback failed: ${result.status}`);
    document.body.dataset.lastFeedback = result.ok ? body.kind : `error-${result.status}`;
  });
}

async function suggest() {
  const product = $("product").value.trim();
  if (!product) return;
  status("thinking…");
  const res = await fetch("/api/suggest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ product }),
  });
  const body = await res.json();
  if (!res.ok) return status(`no suggestion: ${body.error}`);
  current = feedback.suggestion(body.callId, { text: body.category, ignoreAfterMs: config.ignoreAfterMs });
  report(current.settled);
  $("category").value = body.category;
  $("suggestion").hidden = false;
  $("suggestion").dataset.callId = body.callId;
  current.shown();
  status(`suggested ${body.category}`);
}

$("product-form").addEventListener("submit", (event) => {
  event.preventDefault();
  void suggest();
});
$("accept").addEventListener("click", () => {
  current?.accept($("category").value.trim());
  $("suggestion").hidden = true;
});
$("dismiss").addEventListener("click", () => {
  current?.ignore("dismissed");
  $("suggestion").hidden = true;
});
$("regenerate").addEventListener("click", () => {
  current?.regenerate();
  void suggest();
});
// Leaving the page with a suggestion on screen ignores it.
addEventListener("pagehide", () => current?.ignore("left"));
