// POST /letters/posted: the day's letters batch went in the post.
import { z } from '@hono/zod-openapi';
import { Id, IsoDate } from './common.ts';

export const LettersPostedRequest = z
  .strictObject({ date: IsoDate.openapi({ description: "the batch's day in the organisation's calendar (the letters made that day)" }) })
  .openapi('LettersPostedRequest');

export const LettersPostedResult = z
  .object({
    date: IsoDate,
    posted: z.number().int().openapi({ description: 'letters that became posted now; 0 when none of that day was still printed' }),
    actionIds: z.array(Id),
  })
  .openapi('LettersPostedResult');
