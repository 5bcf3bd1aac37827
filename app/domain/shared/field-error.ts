/**
 * A refused input, with the form field it is about (null: the form as a whole), so that the route
 * shows the message beside that field. Each aggregate extends it, to be told apart by `instanceof`.
 */
export class FieldError<Field extends string = string> extends Error {
  constructor(
    message: string,
    readonly field: Field | null = null,
  ) {
    super(message);
  }
}
