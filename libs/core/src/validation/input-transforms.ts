import { normalisePostcode } from '../postcodes/postcode';

/** For class-transformer's @Transform: trims strings, leaves anything else for validation. */
export const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** For @Transform: "eh1 1aa" → "EH1 1AA"; anything that is not a postcode is left for the check to refuse. */
export const asPostcode = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (normalisePostcode(value) ?? value) : value;

/** A normalised UK postcode, for @Matches after asPostcode. */
export const POSTCODE_FORMAT = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/;
export const POSTCODE_MESSAGE = 'postcode must be a UK postcode, like EH1 1AA';

/**
 * For @ValidateIf on update inputs: a field left out keeps its value; an explicit null is checked
 * (and refused where null makes no sense), unlike @IsOptional which lets null through.
 */
export const isGiven = (_input: object, value: unknown): boolean => value !== undefined;
