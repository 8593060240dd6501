import { TooManyRequestsError } from '@app/core';

/**
 * A form post over the public rate limit (FormRateLimit): TOO_MANY_REQUESTS, reason RATE_LIMITED, as
 * the guard's refusal, but the page controller catches it and shows the form again as typed.
 */
export class FormRateLimitedError extends TooManyRequestsError {}
