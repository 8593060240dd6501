import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { BadUserInputError, InvalidLinkError, Public, PublicAction } from '@app/core';
import {
  FormErrors,
  formValues,
  LinkPageHeaders,
  linkToken,
  PageContext,
  PageContexts,
  renderLinkPage,
  sendPage,
  staleLinkPage,
} from '@app/web';
import { LetterCampaignsService } from '../letter-campaigns.service';
import { REPLIED, STANCES } from '../letter-questionnaire.entity';
import {
  LetterQuestionnairesService,
  QuestionnaireAnswerInput,
  REPLY_TEXT_MAX,
} from '../letter-questionnaires.service';
import { TargetStancesService } from '../target-stances.service';
import {
  formFromAnswers,
  questionnairePage,
  QuestionnaireForm,
  SCORECARD_SORTS,
  scorecardPage,
  ScorecardSort,
} from './advocacy.views';

/** The most recipients one questionnaire form carries (a supporter's MSPs are eight). */
const MAX_RECIPIENTS = 50;

/**
 * The questionnaire's page (GET shows it and changes nothing; POST records the answers, through the
 * same service as `answerLetterQuestionnaire`, under the same strict public rate limit as the other
 * emailed links' POSTs) and the campaign's public scorecard.
 */
@Controller()
export class AdvocacyPagesController {
  constructor(
    private readonly questionnaires: LetterQuestionnairesService,
    private readonly stances: TargetStancesService,
    private readonly campaigns: LetterCampaignsService,
    private readonly contexts: PageContexts,
  ) {}

  private ctx(): PageContext {
    return this.contexts.create();
  }

  @Public()
  @Get('letters/questionnaire')
  @LinkPageHeaders()
  async show(@Query('token') raw: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const token = linkToken(raw);
    try {
      const view = await this.questionnaires.view(token);
      return questionnairePage(this.ctx(), token, view.campaign, view.recipients, {
        values: formFromAnswers(view.recipients),
        errors: {},
      });
    } catch (error) {
      return this.stale(error, res);
    }
  }

  @PublicAction()
  @Post('letters/questionnaire')
  @HttpCode(200)
  @LinkPageHeaders()
  async answer(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const token = linkToken(formValues(body, ['token']).token);
    let view;
    try {
      view = await this.questionnaires.view(token);
    } catch (error) {
      return this.stale(error, res);
    }
    const posted = this.posted(body, view.recipients.length);
    const refuse = (errors: FormErrors, status: number): string => {
      res.status(status);
      return questionnairePage(this.ctx(), token, view.campaign, view.recipients, {
        values: posted.values,
        errors,
      });
    };
    if (Object.keys(posted.errors).length > 0) {
      return refuse(posted.errors, 422);
    }
    try {
      const { answered } = await this.questionnaires.answer(token, posted.answers);
      return renderLinkPage(this.ctx(), {
        title: this.ctx().m.advocacy.thanksTitle,
        paragraphs: [this.ctx().m.advocacy.thanksBody(answered)],
      });
    } catch (error) {
      if (error instanceof BadUserInputError && !(error instanceof InvalidLinkError)) {
        // The service names answers by position: show each on its field.
        const errors: FormErrors = {};
        for (const { field, message } of error.fields ?? []) {
          const [, i, name] = /^answers\.(\d+)\.(\w+)$/.exec(field) ?? [];
          const at = i === undefined ? undefined : posted.positions[Number(i)];
          const key = at === undefined ? 'form' : `${name === 'targetId' ? 'replied' : name}-${at}`;
          errors[key] ??= `${message[0].toUpperCase()}${message.slice(1)}`;
        }
        return refuse(errors, 422);
      }
      return this.stale(error, res);
    }
  }

  @Public()
  @Get('write/:slug/scorecard')
  async scorecard(
    @Param('slug') slug: string,
    @Query('sort') sort: unknown,
    @Query('dir') dir: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const campaign = await this.campaigns.bySlug(null, slug);
    const rows = await this.stances.scorecard(campaign);
    const by: ScorecardSort = SCORECARD_SORTS.includes(sort as ScorecardSort)
      ? (sort as ScorecardSort)
      : 'name';
    sendPage(res, scorecardPage(this.ctx(), campaign, rows, by, dir === 'desc'));
  }

  /**
   * The form's answers by position, with the target each was about (a hidden field the service
   * checks), and the problems a person can fix: a recipient left without an answer is skipped, but
   * at least one must be answered; a stance or reply only with "yes".
   */
  private posted(
    body: unknown,
    count: number,
  ): {
    values: QuestionnaireForm['values'];
    answers: QuestionnaireAnswerInput[];
    /** The form position of each answer. */
    positions: number[];
    errors: FormErrors;
  } {
    const n = Math.min(count, MAX_RECIPIENTS);
    const names = Array.from({ length: n }, (_, i) => [
      `target-${i}`,
      `replied-${i}`,
      `stance-${i}`,
      `replyText-${i}`,
    ]).flat();
    const form = formValues(body, names);
    const { m } = this.ctx();
    const values: QuestionnaireForm['values'] = [];
    const answers: QuestionnaireAnswerInput[] = [];
    const positions: number[] = [];
    const errors: FormErrors = {};
    for (let i = 0; i < n; i += 1) {
      const replied = form[`replied-${i}`];
      const stance = form[`stance-${i}`];
      const replyText = form[`replyText-${i}`].slice(0, REPLY_TEXT_MAX + 1);
      values.push({ replied, stance, replyText });
      if (!REPLIED.includes(replied as never)) {
        if (stance || replyText.trim()) {
          errors[`replied-${i}`] = m.advocacy.repliedMissing;
        }
        continue;
      }
      if (stance && !STANCES.includes(stance as never)) {
        errors[`stance-${i}`] = m.advocacy.stanceUnknown;
        continue;
      }
      positions.push(i);
      answers.push({
        targetId: form[`target-${i}`],
        replied: replied as QuestionnaireAnswerInput['replied'],
        stance: (stance || null) as QuestionnaireAnswerInput['stance'],
        replyText: replyText || null,
      });
    }
    if (answers.length === 0 && Object.keys(errors).length === 0) {
      errors['replied-0'] = m.advocacy.noAnswer;
    }
    return { values, answers, positions, errors };
  }

  private stale(error: unknown, res: Response): string {
    if (!(error instanceof InvalidLinkError)) {
      throw error;
    }
    res.status(400);
    return renderLinkPage(this.ctx(), staleLinkPage(this.ctx(), error));
  }
}
