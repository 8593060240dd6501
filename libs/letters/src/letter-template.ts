import { diffArrays } from 'diff';
import Handlebars from 'handlebars';
import { CampaignTemplateError, LetterTemplateError } from './letters.errors';

/** The placeholders a letter's subject and body may use; anything else is refused when saved. */
export const LETTER_PLACEHOLDERS = [
  'target.name',
  'target.title',
  'target.organisation',
  'supporter.fullName',
  'supporter.firstName',
  'supporter.postcode',
  'constituency.name',
  'region.name',
] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];
export type LetterValues = Partial<Record<LetterPlaceholder, string>>;

type Part = { text: string } | { placeholder: LetterPlaceholder };

/** A subject or body checked against the allowed placeholders; renders without running any code. */
export interface LetterTemplate {
  readonly placeholders: ReadonlySet<LetterPlaceholder>;
  render(values: LetterValues): string;
}

export { LetterTemplateError } from './letters.errors';

const ALLOWED = new Set<string>(LETTER_PLACEHOLDERS);

/**
 * Parses `{{placeholder}}` text with the Handlebars grammar, but accepts only plain placeholders from
 * the list: no helpers, blocks, partials or expressions. Rendering walks the parsed text, so text from
 * the public is never run as a template program.
 */
/** Campaign templates parsed lately, by their words (a campaign's are parsed once, not per letter). */
const parsedCampaignTemplates = new Map<string, LetterTemplate>();
const PARSED_CAMPAIGN_TEMPLATES_KEPT = 200;

/**
 * A campaign's own subject or body template (saved, so known to parse), parsed once while it reads
 * the same. A template is only read once parsed, so one copy serves every request.
 */
export function parseCampaignTemplate(source: string): LetterTemplate {
  const parsed = parsedCampaignTemplates.get(source);
  if (parsed) {
    return parsed;
  }
  const template = parseLetterTemplate(source);
  if (parsedCampaignTemplates.size >= PARSED_CAMPAIGN_TEMPLATES_KEPT) {
    parsedCampaignTemplates.clear();
  }
  parsedCampaignTemplates.set(source, template);
  return template;
}

export function parseLetterTemplate(source: string): LetterTemplate {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    const line = /line (\d+)/.exec((error as Error).message)?.[1];
    throw new LetterTemplateError(
      `has a broken placeholder${line ? ` on line ${line}` : ''}: write placeholders as {{target.name}}`,
    );
  }
  const parts: Part[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ContentStatement') {
      parts.push({ text: (statement as hbs.AST.ContentStatement).value });
    } else if (statement.type === 'CommentStatement') {
      continue;
    } else if (statement.type === 'MustacheStatement') {
      const mustache = statement as hbs.AST.MustacheStatement;
      const path = mustache.path as hbs.AST.PathExpression;
      const name = mustache.path.type === 'PathExpression' ? path.original : '';
      if (!ALLOWED.has(name) || mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0) {
        throw new LetterTemplateError(
          `uses an unknown placeholder {{${name || '…'}}}; the placeholders are ${LETTER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
        );
      }
      parts.push({ placeholder: name as LetterPlaceholder });
    } else {
      throw new LetterTemplateError(
        `may use only plain placeholders such as {{target.name}} (no blocks, helpers or partials)`,
      );
    }
  }
  return {
    placeholders: new Set(parts.flatMap((p) => ('placeholder' in p ? [p.placeholder] : []))),
    render(values: LetterValues): string {
      return parts
        .map((p) => {
          if ('text' in p) {
            return p.text;
          }
          const value = values[p.placeholder];
          if (value === undefined) {
            throw new LetterTemplateError(`has no value for {{${p.placeholder}}}`);
          }
          return value;
        })
        .join('');
    },
  };
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** Whether the supporter changed nothing but whitespace. */
export function sameIgnoringWhitespace(a: string, b: string): boolean {
  return words(a).join(' ') === words(b).join(' ');
}

/**
 * How much of `written` is the supporter's own words: the share of its words that are not from the
 * template (a word-level diff), from 0 (the template as given) to 1 (all their own).
 */
export function personalisedShare(template: string, written: string): number {
  const mine = words(written);
  if (mine.length === 0) {
    return 0;
  }
  const changes = diffArrays(words(template), mine, { maxEditLength: 400 });
  if (!changes) {
    // More than 400 words changed: mostly their own. (The bound keeps a public request cheap.)
    return 1;
  }
  const added = changes.filter((c) => c.added).reduce((sum, c) => sum + c.count, 0);
  return Math.round((added / mine.length) * 1000) / 1000;
}

/** Checks a campaign's templates when it is saved: unknown placeholders and broken ones are refused. */
export function checkTemplates(templates: { subjectTemplate?: string; bodyTemplate?: string }): void {
  const problems = templateProblems(templates);
  if (problems.length > 0) {
    throw new CampaignTemplateError(problems);
  }
}

/** What `checkTemplates` would refuse, field by field (empty when both are accepted). */
export function templateProblems(templates: {
  subjectTemplate?: string;
  bodyTemplate?: string;
}): Array<{ field: 'subjectTemplate' | 'bodyTemplate'; message: string }> {
  const problems: Array<{ field: 'subjectTemplate' | 'bodyTemplate'; message: string }> = [];
  for (const field of ['subjectTemplate', 'bodyTemplate'] as const) {
    const source = templates[field];
    if (source === undefined) {
      continue;
    }
    try {
      parseLetterTemplate(source);
    } catch (error) {
      if (!(error instanceof LetterTemplateError)) {
        throw error;
      }
      problems.push({ field, message: error.message });
    }
  }
  return problems;
}
