import { marked, Token, Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { MailingContentError } from './mailings.errors';

/** The placeholders a mailing's subject and body may use; anything else is refused when saved. */
export const MAILING_PLACEHOLDERS = ['member.firstName', 'member.fullName', 'branch.name'] as const;
export type MailingPlaceholder = (typeof MAILING_PLACEHOLDERS)[number];
export type MailingValues = Record<MailingPlaceholder, string>;

const ALLOWED = new Set<string>(MAILING_PLACEHOLDERS);
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

// Its class lives with the library's errors; exported here too, beside the checks that throw it.
export { MailingContentError };

const LIST = MAILING_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');

/** Refuses unknown and broken placeholders. */
function checkPlaceholders(field: 'subject' | 'body', source: string): void {
  for (const match of source.matchAll(PLACEHOLDER)) {
    const name = match[1].trim();
    if (!ALLOWED.has(name)) {
      throw new MailingContentError(
        field,
        `uses an unknown placeholder {{${name}}}; the placeholders are ${LIST}`,
      );
    }
  }
  if (/\{\{|\}\}/.test(source.replace(PLACEHOLDER, ''))) {
    throw new MailingContentError(
      field,
      `has a broken placeholder: write placeholders as {{member.firstName}}`,
    );
  }
}

/** Raw HTML in Markdown (a block or inline tag, a comment) is refused: Markdown only. */
function checkNoHtml(tokens: Token[]): void {
  void marked.walkTokens(tokens, (token) => {
    if (token.type === 'html') {
      throw new MailingContentError(
        'body',
        'contains HTML (such as <script> or <div>); write the body in Markdown only',
      );
    }
  });
}

/**
 * A placeholder in a link's address is refused: the address would carry a person's name
 * (percent-encoded, to a third party's server logs), and it would not be filled in the HTML part.
 */
function checkNoPlaceholderInLinks(tokens: Token[]): void {
  void marked.walkTokens(tokens, (token) => {
    const href = token.type === 'link' || token.type === 'image' ? (token as Tokens.Link).href : '';
    if (/\{\{|\}\}|%7B%7B/i.test(href)) {
      throw new MailingContentError(
        'body',
        'has a placeholder inside a link address; placeholders may be used in the text only',
      );
    }
  });
}

/** Inline Markdown as plain text: emphasis unmarked, escapes undone, links as "text (address)". */
function inlineText(tokens: Token[] = []): string {
  return tokens
    .map((token): string => {
      switch (token.type) {
        case 'link': {
          const link = token as Tokens.Link;
          const label = inlineText(link.tokens);
          return label === link.href || `mailto:${label}` === link.href ? label : `${label} (${link.href})`;
        }
        case 'image':
          return (token as Tokens.Image).text;
        case 'br':
          return '\n';
        case 'strong':
        case 'em':
        case 'del':
          return inlineText((token as Tokens.Strong).tokens);
        case 'text':
          return 'tokens' in token && token.tokens ? inlineText(token.tokens) : (token as Tokens.Text).text;
        default:
          return 'text' in token ? String(token.text) : '';
      }
    })
    .join('');
}

/** Markdown blocks as plain text, a blank line between blocks. */
function blockText(tokens: Token[]): string {
  return tokens
    .map((token): string => {
      switch (token.type) {
        case 'space':
          return '';
        case 'heading':
        case 'paragraph':
          return inlineText((token as Tokens.Paragraph).tokens);
        case 'code':
          return (token as Tokens.Code).text;
        case 'hr':
          return '----';
        case 'blockquote':
          return blockText((token as Tokens.Blockquote).tokens)
            .split('\n')
            .map((line) => `> ${line}`)
            .join('\n');
        case 'list': {
          const list = token as Tokens.List;
          const start = typeof list.start === 'number' ? list.start : 1;
          return list.items
            .map((item, i) => {
              const bullet = list.ordered ? `${start + i}. ` : '- ';
              const body = blockText(item.tokens).replace(/\n+/g, (breaks) => breaks.replace(/\n/g, '\n   '));
              return `${bullet}${body}`;
            })
            .join('\n');
        }
        case 'table': {
          const table = token as Tokens.Table;
          const row = (cells: Tokens.TableCell[]): string =>
            cells.map((c) => inlineText(c.tokens)).join(' | ');
          return [row(table.header), ...table.rows.map(row)].join('\n');
        }
        case 'text':
          return 'tokens' in token && token.tokens ? inlineText(token.tokens) : (token as Tokens.Text).text;
        default:
          return 'text' in token ? String(token.text) : '';
      }
    })
    .filter((block) => block !== '')
    .join('\n\n');
}

/** Only what email clients show well and nothing that runs or loads from elsewhere but links. */
const SANITISE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    'del',
    'blockquote',
    'code',
    'pre',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  disallowedTagsMode: 'discard',
};

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function fill(source: string, values: MailingValues, escape: (text: string) => string): string {
  return source.replace(PLACEHOLDER, (_, name: string) =>
    escape(values[name.trim() as MailingPlaceholder] ?? ''),
  );
}

export interface RenderedMailing {
  subject: string;
  text: string;
  html: string;
}

export interface MailingFooter {
  /** The branch's name (a national mailing: the campaign's). */
  from: string;
  unsubscribeLink: string;
}

/** A mailing's subject and body, checked and turned into HTML once; rendered for each person. */
export interface CompiledMailing {
  render(values: MailingValues, footer: MailingFooter): RenderedMailing;
}

/**
 * Checks and compiles a subject and Markdown body. The body becomes HTML once (placeholders left as
 * text), sanitised, and each person's values are filled in HTML-escaped, so nothing in a name can
 * become markup. The plain-text part is rendered from the same Markdown: emphasis marks and escapes
 * gone, links as "text (address)".
 *
 * @throws MailingContentError for raw HTML, an unknown or broken placeholder, or a placeholder in a
 *   link's address
 */
export function compileMailing(subject: string, body: string): CompiledMailing {
  checkPlaceholders('subject', subject);
  checkPlaceholders('body', body);
  const tokens = marked.lexer(body);
  checkNoHtml(tokens);
  checkNoPlaceholderInLinks(tokens);
  const text = blockText(tokens);
  const html = sanitizeHtml(marked.parser(tokens), SANITISE);
  return {
    render(values, footer) {
      const link = footer.unsubscribeLink;
      return {
        subject: fill(subject, values, (t) => t)
          .replace(/\s+/g, ' ')
          .trim(),
        text:
          `${fill(text, values, (t) => t).trim()}\n\n--\n` +
          `You receive this email from ${footer.from} because you asked for campaign news.\n` +
          `Unsubscribe with one click: ${link}\n`,
        html:
          `${fill(html, values, escapeHtml)}\n<hr>\n<p style="font-size:0.875rem;color:#555">` +
          `You receive this email from ${escapeHtml(footer.from)} because you asked for campaign news. ` +
          `<a href="${escapeHtml(link)}">Unsubscribe with one click</a>.</p>`,
      };
    },
  };
}

/** The values for one person. */
export function mailingValues(member: { fullName: string }, branchName: string): MailingValues {
  return {
    'member.fullName': member.fullName,
    'member.firstName': member.fullName.trim().split(/\s+/)[0] ?? '',
    'branch.name': branchName,
  };
}
