// What every knowledge set has unless it says otherwise: the fixed texts
// around quotes, the chat widget's texts and the everyday small talk, in plain
// general English. A site's messages.yml overrides single texts (also single
// keys under `widget:`); its smalltalk.yml replaces an
// intent of the same name or adds new ones. Placeholders: {site}, {helpdesk}.
import type { Messages, SmallTalkIntent, WidgetTexts } from './schema.js';

/** The chat widget's texts (served by GET /api/widget/config). {email}: the visitor's address. */
export const DEFAULT_WIDGET_TEXTS: WidgetTexts = {
  ask: 'Type your question…',
  send: 'Send',
  thinking: 'Thinking…',
  retry: 'Try again',
  network: 'I couldn\'t reach the assistant. Check your connection and try again.',
  busy: 'Lots of questions right now. Please wait a few seconds and try again.',
  server: 'Something went wrong on our side. Please try again in a moment.',
  failed: 'Sorry, that could not be sent.',
  helpful: 'Helpful?',
  yes: 'Helpful',
  no: 'Not helpful',
  thanks: 'Thanks for your feedback.',
  contact: 'Contact the helpdesk',
  email: 'Email',
  name: 'Name (optional)',
  forward: 'Send to helpdesk',
  forwarded: 'Thanks! Your question was forwarded to the helpdesk. They will reply to {email}.',
  invalid: 'Please check your e-mail address (and name, if given) and try again.',
  closed: 'The helpdesk has already closed this question. Please ask it again to reach them.',
  mail: 'Prefer e-mail?',
  open: 'Open chat',
  close: 'Close chat',
  clear: 'Clear',
  log: 'Conversation',
  sources: 'Sources',
  suggestions: 'Suggested questions',
};

export const DEFAULT_MESSAGES: Messages = {
  escalated: 'I couldn\'t find this on our pages, so I\'m passing your question to the helpdesk at {helpdesk}. Leave your e-mail address and they will reply to you.',
  link: 'See “{title}”: {url}',
  staffAnswer: 'From the {site} team:',
  helpdeskTitle: '{site} helpdesk',
  helpdeskUrl: 'mailto:{helpdesk}',
  widget: DEFAULT_WIDGET_TEXTS,
};

const intent = (i: Partial<SmallTalkIntent> & Pick<SmallTalkIntent, 'intent' | 'phrases' | 'reply'>): SmallTalkIntent =>
  ({ offerEscalation: false, suggestions: [], keywords: [], ...i });

export const DEFAULT_SMALLTALK: SmallTalkIntent[] = [
  intent({
    intent: 'greeting',
    phrases: ['hi', 'hello', 'hey', 'hey there', 'hi there', 'hello there', 'how are you', 'how are you doing', "how's it going", 'anyone there', 'is anyone there', 'anybody there', 'is anybody there', 'good morning', 'good afternoon', 'good evening', 'greetings', 'howdy', 'yo', 'morning', 'hiya'],
    reply: 'Hello! I can answer questions about {site} from its pages. What would you like to know?',
  }),
  intent({
    intent: 'thanks',
    phrases: ['thanks', 'thank you', 'thanks a lot', 'thank you very much', 'many thanks', 'cheers', 'thx', 'ty', 'great thanks', 'ok thanks', 'perfect thanks', 'much appreciated', 'thanks for your help', 'that helps', 'that helped', "that's helpful", 'that is helpful', 'very helpful', 'helpful', 'great help', "thanks that's really helpful", 'thanks that is really helpful', 'really helpful'],
    reply: 'You\'re welcome! Is there anything else you would like to know?',
  }),
  intent({
    intent: 'goodbye',
    phrases: ['bye', 'goodbye', 'good bye', 'see you', 'see you later', 'farewell', 'bye bye', 'have a nice day', "that's all", 'that is all', 'nothing else', 'ok bye', 'bye for now', 'thanks bye'],
    reply: 'Goodbye! If you have more questions later, I\'m here.',
  }),
  intent({
    intent: 'identity',
    phrases: ['who are you', 'who am i talking to', 'who is this', 'what is this', 'what are you', 'are you a bot', 'are you a chatbot', 'are you an ai', 'are you real', 'are you a robot', 'what can you do', 'what can i ask', 'what can i ask you', 'how can you help', 'how do you work', 'help'],
    reply: 'I\'m the {site} assistant. I answer from the site\'s pages, quoting them and linking the source. What I can\'t answer goes to the helpdesk at {helpdesk}.',
  }),
  intent({
    intent: 'human',
    phrases: ['can i speak to a person', 'can i talk to a person', 'i want to talk to a human', 'speak to a human', 'talk to a human', 'talk to someone', 'speak to someone', 'real person', 'human please', 'agent', 'operator', 'can i talk to someone', 'i need a human', 'contact a person', 'connect me to a person', 'customer service', 'are you human', 'are you a person', 'are you a real person', 'a human', 'human', 'live agent', 'representative', 'contact someone'],
    reply: 'You can reach the {site} helpdesk at {helpdesk}. If you like, type your question and I\'ll forward it to them so they can reply to you by e-mail.',
    offerEscalation: true,
    keywords: [
      ['person', 'human', 'someone', 'somebody', 'staff', 'agent', 'representative', 'operator', 'employee'],
      ['talk', 'speak', 'connect', 'chat', 'transfer', 'reach', 'call', 'phone', 'contact', 'email', 'e-mail', 'mail', 'write'],
    ],
  }),
  intent({
    intent: 'affirmation',
    phrases: ['ok', 'okay', 'cool', 'great', 'nice', 'awesome', 'got it', 'i see', 'alright', 'sure', 'fine'],
    reply: 'Glad that helps. Ask me anything else about {site}.',
  }),
];

/** The default intents, with the site's own replacing those of the same name. */
export function mergeSmallTalk(site: SmallTalkIntent[]): SmallTalkIntent[] {
  const own = new Set(site.map((i) => i.intent));
  return [...DEFAULT_SMALLTALK.filter((i) => !own.has(i.intent)), ...site];
}
