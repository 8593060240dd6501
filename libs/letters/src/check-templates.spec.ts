import { BadUserInputError } from '@app/core';
import { checkTemplates } from './letter-template';
import { CampaignTemplateError } from './letters.errors';

describe('checkTemplates', () => {
  it('accepts templates with the allowed placeholders, and templates not given', () => {
    expect(() =>
      checkTemplates({
        subjectTemplate: 'Drug checking in {{constituency.name}}',
        bodyTemplate: 'Dear {{target.name}},\n{{supporter.fullName}}',
      }),
    ).not.toThrow();
    expect(() => checkTemplates({})).not.toThrow();
  });

  it('refuses unknown and broken placeholders, naming each field', () => {
    let error: unknown;
    try {
      checkTemplates({ subjectTemplate: 'Hello {{target.email}}', bodyTemplate: 'Dear {{target.name}' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CampaignTemplateError);
    expect(error).toBeInstanceOf(BadUserInputError);
    const problem = error as CampaignTemplateError;
    expect(problem.reason).toBe('TEMPLATE_NOT_ACCEPTED');
    expect(problem.fields?.map((f) => f.field)).toEqual(['subjectTemplate', 'bodyTemplate']);
    expect(problem.message).toBe(`The template ${problem.fields![0].message}.`);
    expect(problem.fields![0].message).toMatch(/^uses an unknown placeholder \{\{target\.email\}\}/);
    expect(problem.fields![1].message).toMatch(/^has a broken placeholder/);
  });

  it('refuses blocks and helpers', () => {
    expect(() => checkTemplates({ bodyTemplate: '{{#if target.name}}x{{/if}}' })).toThrow(
      'The template may use only plain placeholders such as {{target.name}} (no blocks, helpers or partials).',
    );
    expect(() => checkTemplates({ bodyTemplate: '{{lookup target.name}}' })).toThrow(CampaignTemplateError);
  });
});
