import { notFound } from 'next/navigation';
import { Prisma } from '@sweepwise/db';

/** Awaits a `...OrThrow` query; Prisma's "no record" (P2025) becomes the page's 404. */
export async function orNotFound<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2025') notFound();
    throw err;
  }
}
