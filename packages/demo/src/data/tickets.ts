/** The demo's labelled support tickets for the `categorize` route; ambiguous ones are `hard`. */

export interface DemoTicket {
  ticket: string;
  category: string;
  /** An ambiguous ticket: models get it wrong more often, and then say `confusedWith`. */
  hard?: boolean;
  confusedWith?: string;
}

export const demoTickets: DemoTicket[] = [
  { ticket: "I was charged twice for order 4411", category: "billing" },
  { ticket: "my card was declined but the money left my account", category: "billing" },
  { ticket: "please send me an invoice with our VAT number", category: "billing" },
  { ticket: "why is there a 4.99 fee on my receipt", category: "billing" },
  { ticket: "refund still missing after 10 days", category: "billing", hard: true, confusedWith: "returns" },
  { ticket: "can I pay in three instalments", category: "billing" },
  {
    ticket: "the coupon SPRING10 did not apply at checkout",
    category: "billing",
    hard: true,
    confusedWith: "other",
  },
  {
    ticket: "cancel my subscription and stop charging me",
    category: "billing",
    hard: true,
    confusedWith: "account",
  },
  { ticket: "my parcel has not arrived after two weeks", category: "shipping" },
  { ticket: "the tracking link says delivered but nothing came", category: "shipping" },
  { ticket: "do you ship to Iceland?", category: "shipping" },
  { ticket: "can I change the delivery address of order 5120", category: "shipping" },
  {
    ticket: "the courier left my box in the rain",
    category: "shipping",
    hard: true,
    confusedWith: "returns",
  },
  { ticket: "how long does express delivery take", category: "shipping" },
  {
    ticket: "only half of my order was in the box",
    category: "shipping",
    hard: true,
    confusedWith: "returns",
  },
  { ticket: "is pickup from a parcel locker possible", category: "shipping" },
  { ticket: "cannot reset my password", category: "account" },
  { ticket: "please close my account", category: "account" },
  { ticket: "I want to change the email on my profile", category: "account" },
  {
    ticket: "someone logged into my account from abroad",
    category: "account",
    hard: true,
    confusedWith: "other",
  },
  { ticket: "two-factor codes never reach my phone", category: "account" },
  { ticket: "merge my two customer accounts please", category: "account" },
  {
    ticket: "download all the data you hold about me",
    category: "account",
    hard: true,
    confusedWith: "other",
  },
  { ticket: "my loyalty points disappeared", category: "account", hard: true, confusedWith: "billing" },
  { ticket: "how do I send back a damaged lamp", category: "returns" },
  { ticket: "the shoes are too small, can I exchange them", category: "returns" },
  { ticket: "where do I print the return label", category: "returns" },
  {
    ticket: "the blender stopped working after a week",
    category: "returns",
    hard: true,
    confusedWith: "other",
  },
  { ticket: "you sent me the wrong colour", category: "returns", hard: true, confusedWith: "shipping" },
  { ticket: "can I return an item bought in the sale", category: "returns" },
  { ticket: "is the return free for members", category: "returns" },
  { ticket: "the jacket arrived with a torn seam", category: "returns" },
  { ticket: "do you have this sofa in green", category: "other" },
  { ticket: "are your candles vegan", category: "other" },
  { ticket: "I would like to work for you", category: "other" },
  { ticket: "your website is very slow today", category: "other", hard: true, confusedWith: "account" },
  { ticket: "when does the winter sale start", category: "other" },
  { ticket: "can I book a video call with a designer", category: "other" },
  { ticket: "is there a shop in Lyon", category: "other" },
  { ticket: "thanks, the team was great", category: "other" },
];
