/**
 * The upstreams the parity configs run against: the echoing scripted upstream (20 ms) and
 * three judges that always answer pass, fail, or neither. Shared by the recorder and the test.
 */

const judgeReplies = {
  __JUDGE_PASS__: '{"reason": "The reply meets the rubric.", "pass": true, "score": 1}',
  __JUDGE_FAIL__: '{"reason": "The reply does not meet the rubric.", "pass": false, "score": 0}',
  __JUDGE_BAD__: "Hard to say, it could go either way really.",
};

/** Starts the upstreams; `start` is startScriptedUpstream (passed in so tests can use src). */
export async function startParityUpstreams(start) {
  const main = await start({ delayMs: 20 });
  const judges = {};
  for (const [name, text] of Object.entries(judgeReplies)) {
    const judge = await start();
    judge.script(
      ...Array.from({ length: 500 }, () => ({ type: "text", text, path: "/v1/chat/completions" })),
    );
    judges[name] = judge;
  }
  return {
    urls: {
      __UPSTREAM__: `${main.url}/v1`,
      ...Object.fromEntries(Object.entries(judges).map(([k, j]) => [k, `${j.url}/v1`])),
    },
    close: async () => {
      await main.close();
      for (const j of Object.values(judges)) await j.close();
    },
  };
}

/** Replaces the placeholders in a config text with the upstreams' URLs. */
export function substitute(text, upstreams) {
  let out = text;
  for (const [k, v] of Object.entries(upstreams.urls)) out = out.split(k).join(v);
  return out;
}
