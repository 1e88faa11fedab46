import type { Response } from 'express';
import type { z } from 'zod';

/** A 400 that names the field at fault, in the kit's error shape. */
export function badInput(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  const field =
    issue?.code === 'unrecognized_keys'
      ? String(issue.keys[0])
      : issue?.path.length
        ? String(issue.path[0])
        : 'body';
  const message =
    issue?.code === 'invalid_type' ? `${field} is missing or not the right type` : issue?.message;
  res.status(400).json({ error: 'invalid_input', field, message: message ?? 'invalid input' });
}
