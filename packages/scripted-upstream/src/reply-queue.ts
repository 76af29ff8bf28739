/** The queue of scripted replies: consumed in order, each by the first request whose path it fits. */
import type { ScriptedReply } from "./scripted-reply.js";

export class ReplyQueue {
  private readonly replies: ScriptedReply[] = [];

  /** @example queue.push({ type: "text", text: "hi" }, { type: "error", status: 429 }) */
  push(...replies: ScriptedReply[]): void {
    this.replies.push(...replies);
  }

  /** Takes the first reply meant for `path` (or for any path); `undefined` when none waits. */
  take(path: string): ScriptedReply | undefined {
    const at = this.replies.findIndex((r) => r.path === undefined || r.path === path);
    if (at < 0) return undefined;
    return this.replies.splice(at, 1)[0];
  }

  get size(): number {
    return this.replies.length;
  }

  clear(): void {
    this.replies.length = 0;
  }
}
