import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError, FieldProblem } from './domain.errors';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Global input validation: a bad input is BAD_USER_INPUT listing the failing fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadUserInputError(
        `Please check: ${[...new Set(fields.map((f) => f.field))].join(', ')}.`,
        fields,
      );
    },
  });
}
