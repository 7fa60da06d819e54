// General English knowledge about how visitors phrase questions. Nothing here
// is about one organisation: site words (aliases, synonyms) live in
// knowledge/vocabulary.yml. Another knowledge set reuses these lists as they are.

/** Words that frame a request rather than say what it is about ("tell me about …"). */
export const FILLER = new Set([
  'tell',
  'know',
  'explain',
  'describe',
  'want',
  'like',
  'please',
  'info',
  'information',
  'thing',
  'something',
  'anything',
  'lot',
  'bit',
  'hear',
  'learn',
  'wonder',
  'curious',
  'question',
  'ask',
  'hello',
  'hi',
  'hey',
  'thanks',
  'thank',
  'also',
  'really',
  'exactly',
  'actually',
  'just',
  'kindly',
  'maybe',
  'say',
  'mean',
  'happen',
  'let',
  'okay',
  'ok',
  'anyone',
  'somebody',
  'someone',
  'get',
  'do',
  'be',
  'have',
  'go',
  'whats',
  'hows',
  'wheres',
  'whos',
  'whens',
  'pls',
  'plz',
  'could',
  'would',
  'kind',
  'type',
  'sort',
  'new',
  'here',
  'exactly',
  'stand',
  'one',
  'ones',
  'give',
  'short',
  'brief',
  // Ways of addressing the site ("do you guys …", "can u folks …"): not the topic.
  'guy',
  'guys',
  'folk',
  'folks',
  'u',
  'ya',
  "y'all",
  'yall',
  'mate',
  'pal',
]);

/**
 * What a question asks for. `date`, `person`, `money`, `count` and `place` need a
 * matching kind of fact in the quoted sentence; `yesno` and `definition` shape
 * how the answer is chosen; `open` asks for nothing in particular.
 */
export type Focus =
  'date' | 'duration' | 'person' | 'names' | 'contact' | 'money' | 'count' | 'place' | 'procedure' | 'yesno' | 'definition' | 'reason' | 'open';

/** Verbs of getting in touch: "who do I ask / contact / write to" asks for a contact point. */
export const CONTACT_VERBS = new Set(['ask', 'contact', 'talk', 'speak', 'write', 'email', 'e-mail', 'mail', 'call', 'reach', 'phone', 'send']);

/** Nouns that name the focus itself ("which year", "what fee"): asked for, not looked up. */
export const FOCUS_NOUNS: Record<string, Focus> = {
  year: 'date',
  date: 'date',
  day: 'date',
  month: 'date',
  time: 'date',
  hour: 'date',
  hours: 'date',
  cost: 'money',
  price: 'money',
  fee: 'money',
  charge: 'money',
  pay: 'money',
  rate: 'money',
  subscription: 'money',
  number: 'count',
  count: 'count',
  amount: 'count',
  person: 'person',
  name: 'person',
  location: 'place',
  address: 'place',
  city: 'place',
  country: 'place',
  link: 'place',
  url: 'place',
  webpage: 'place',
  version: 'count',
};

/** Modifiers that make "address" an electronic one ("email address"): the modifier carries the meaning. */
export const ADDRESS_KINDS = new Set(['email', 'e-mail', 'mail', 'web', 'website', 'internet', 'url']);

/** Place focus nouns that ask for a named place (not for where to find a page). */
export const PLACE_NAMES = new Set(['city', 'country', 'address', 'location']);

/** Words that answer "when" without a calendar date ("in a timely manner", "before …"). */
export const TEMPORAL = new Set([
  'timely',
  'before',
  'after',
  'once',
  'until',
  'during',
  'within',
  'immediately',
  'promptly',
  'soon',
  'annually',
  'yearly',
  'monthly',
  'weekly',
  'daily',
  'deadline',
  'prior',
]);

/** Words of a sentence that tell where to find something (a page, a list, a link). */
export const WHERE_CUES = new Set(['find', 'page', 'website', 'site', 'list', 'link', 'online', 'available', 'contact', 'form']);

/**
 * Light and linking verbs: they frame a claim ("is it treated as …", "does it
 * stay …") rather than make it, so a passage need not use them.
 */
export const LIGHT_VERBS = new Set([
  'be',
  'become',
  'remain',
  'stay',
  'seem',
  'appear',
  'look',
  'treat',
  'consider',
  'regard',
  'count',
  'deem',
  'keep',
  'get',
  'make',
  'do',
  'have',
  'use',
  'need',
  'allow',
  'let',
  'go',
  'come',
  'take',
  'give',
  'put',
  'want',
  'work',
  'happen',
  'exist',
  'mean',
  'say',
  'see',
  'find',
  'show',
  'involve',
  'deal',
  'handle',
  'cover',
  'include',
  'relate',
  'concern',
  'belong',
  'apply',
  'focus',
  'offer',
  'help',
  'support',
  'matter',
  'affect',
  'play',
  'fit',
  'stand',
  'start',
  'begin',
  'involved',
  'read',
  'hear',
  'think',
  'believe',
  'understand',
]);

/**
 * Nouns that ask for an aspect of the subject rather than name a topic
 * ("what is X's *role*", "the *purpose* of X"): like the noun after
 * which/what, they name the kind of answer and need not be on the page.
 */
export const ASPECT_NOUNS = new Set([
  'role',
  'purpose',
  'function',
  'meaning',
  'definition',
  'relationship',
  'connection',
  'relation',
  'significance',
  'importance',
  'point',
  'goal',
  'aim',
  'objective',
  'overview',
  'summary',
  'background',
  'description',
  'explanation',
  'introduction',
  'detail',
  'details',
  'area',
  'field',
  'scope',
  'range',
]);

/** Chat spellings of question words, and the question words themselves (for typo repair). */
export const CHAT_SPELLINGS: Record<string, string> = {
  wen: 'when',
  wat: 'what',
  wut: 'what',
  wht: 'what',
  wer: 'where',
  hw: 'how',
  y: 'why',
  u: 'you',
  r: 'are',
  ur: 'your',
};
export const QUESTION_WORDS = ['what', 'when', 'where', 'which', 'who', 'how', 'why'];

/**
 * Nouns for kinds of named things: "which *companies* …" asks for names, so
 * the quoted sentence must name some beyond those in the question.
 */
export const ENTITY_NOUNS = new Set([
  'company',
  'organization',
  'organisation',
  'firm',
  'vendor',
  'manufacturer',
  'operator',
  'business',
  'corporation',
  'alliance',
  'group',
  'body',
  'people',
  'member',
  'partner',
]);

/** Auxiliaries that open a yes/no question. */
export const YES_NO_OPENERS = new Set([
  'is',
  'are',
  'am',
  'was',
  'were',
  'do',
  'does',
  'did',
  'can',
  'could',
  'will',
  'would',
  'should',
  'shall',
  'may',
  'might',
  'must',
  'has',
  'have',
  'had',
]);

/** Pronouns that point back to an earlier turn's subject. */
export const ANAPHORA = new Set(['it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those', 'he', 'she', 'him', 'her']);

/** Openers of a follow-up that changes one detail of the previous question ("what about cars?"). */
export const FOLLOW_UP_OPENERS = [['what', 'about'], ['how', 'about'], ['and'], ['also'], ['what', 'of']];

/** Part-of-speech weights: nouns carry the topic, adverbs rarely do. */
export const POS_WEIGHT: Record<string, number> = {
  PROPN: 1.2,
  NOUN: 1,
  NUM: 1,
  X: 0.8,
  SYM: 1,
  ADJ: 0.7,
  VERB: 0.55,
  ADV: 0.35,
};

/** Parts of speech whose absence from the best passage means the question asks something else. */
export const KEY_POS = new Set(['PROPN', 'NOUN', 'NUM', 'X', 'SYM']);

/** Polite openers that wrap a question ("could you tell me …", "can you please explain …"). */
export const WRAPPERS = [
  ['could', 'you'],
  ['can', 'you'],
  ['would', 'you'],
  ['will', 'you'],
  ['please'],
  ['do', 'you', 'know'],
  ['i', 'would', 'like', 'to', 'know'],
  ['i', 'want', 'to', 'know'],
  ['i', "'d", 'like', 'to', 'know'],
  ['tell', 'me'],
  ['give', 'me'],
  ['any', 'idea'],
  ['no', 'idea'],
  ['explain'],
  ['describe'],
  ['define'],
  ['let', 'me', 'know'],
  ['i', 'wonder'],
  ['i', 'was', 'wondering'],
];
/** Words before a question that carry nothing ('hi, so, …'). */
export const OPENER_NOISE = new Set(['hi', 'hello', 'hey', 'so', 'and', 'but', 'ok', 'okay', 'please', 'just', 'also', 'kindly', 'me']);

/** After "how much", words that keep it a price question ("how much is / does / for …"). */
export const MONEY_FOLLOWERS = new Set([
  'is',
  'are',
  'was',
  'does',
  'do',
  'did',
  'would',
  'will',
  'should',
  'could',
  'can',
  'for',
  'to',
  'money',
  'it',
  'they',
  'this',
  'that',
  'a',
  'an',
  'the',
  'per',
  'each',
  'cost',
  'costs',
  'per',
]);
/** After "how much", amounts of time ("how much notice / time"). */
export const TIME_AMOUNTS = new Set(['time', 'notice', 'warning', 'longer']);

/** Words that put a question in the future ('the next meeting'): a past date does not answer it. */
export const FUTURE_WORDS = new Set(['next', 'upcoming', 'future', 'planned', 'forthcoming', 'soon']);

/**
 * Verbs that visitors use interchangeably for one kind of event, though
 * WordNet files them under different senses. A visitor's verb (`asked`)
 * reaches a page's verb (`stated`) when the page uses it as a verb; the
 * stated side leaves out verbs with common other senses ("industry *leading*").
 */
export const EVENT_VERB_CLASSES: readonly { readonly asked: readonly string[]; readonly stated: readonly string[] }[] = [
  // Coming into being: "when did the club start?" is answered by "the club was formed in 1873".
  {
    asked: ['start', 'found', 'establish', 'form', 'launch', 'create', 'begin', 'inaugurate', 'incorporate'],
    stated: ['start', 'found', 'establish', 'form', 'launch', 'create', 'begin', 'inaugurate', 'incorporate'],
  },
  // Being in charge: "who runs the museum?" is answered by "it is governed by a board of trustees".
  {
    asked: ['govern', 'oversee', 'run', 'manage', 'lead', 'head', 'direct', 'supervise', 'chair', 'control'],
    stated: ['govern', 'oversee', 'supervise', 'chair'],
  },
];

/**
 * Nouns for people and bodies that act: "who …?" is answered by "a board of
 * trustees" or "our head coach" as well as by a name. Not organisations in
 * general ("companies", "charities"): "who runs OMA?" is not answered by
 * "companies come together".
 */
export const AGENT_NOUNS = new Set([
  'board',
  'committee',
  'trustee',
  'council',
  'team',
  'staff',
  'volunteer',
  'director',
  'chair',
  'chairman',
  'chairperson',
  'chairwoman',
  'secretary',
  'manager',
  'officer',
  'president',
  'treasurer',
  'captain',
  'coach',
  'owner',
  'partner',
  'governor',
  'leader',
  'coordinator',
  'administrator',
  'founder',
  'dentist',
  'doctor',
  'nurse',
  'teacher',
  'lecturer',
  'professor',
  'curator',
  'librarian',
  'instructor',
  'steward',
  'warden',
  'panel',
  'ombudsman',
]);
