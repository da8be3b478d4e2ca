/**
 * Randomised practice: a fresh instance of a course topic, made by the quiz module's generator.
 * An instance is named by a URI (`tcp-tutor-practice:/<topic>?seed=<n>`), so the panel can reload
 * it after a window reload and an attempt can be replayed from its seed.
 */
import * as vscode from 'vscode';
import { randomInt } from 'node:crypto';
import { localize, type Lang } from './common/text';
import type { Exercise } from './exercise/index';
import { generatePractice, PRACTICE_TOPICS } from './quiz/index';
import { t } from './l10n';

export const PRACTICE_SCHEME = 'tcp-tutor-practice';

export function practiceUri(topic: string, seed: number): vscode.Uri {
  return vscode.Uri.from({ scheme: PRACTICE_SCHEME, path: `/${topic}`, query: `seed=${seed}` });
}

export function isPracticeUri(uri: vscode.Uri): boolean {
  return uri.scheme === PRACTICE_SCHEME;
}

/** The exercise a practice URI names; throws a readable error for a malformed one. */
export function practiceExercise(uri: vscode.Uri): Exercise {
  const topic = uri.path.replace(/^\//, '');
  const seed = Number(/(?:^|&)seed=(\d{1,10})(?:&|$)/.exec(uri.query)?.[1]);
  if (!PRACTICE_TOPICS.includes(topic) || !Number.isSafeInteger(seed)) {
    throw new Error(t('Unknown practice "{0}".', uri.toString()));
  }
  const p = generatePractice(topic, seed);
  return { title: p.title, scenario: p.scenario, questions: p.questions };
}

export function newSeed(): number {
  return randomInt(1, 2 ** 31 - 1);
}

/** Asks for a topic and returns a fresh instance's URI. */
export async function pickPractice(lang: Lang): Promise<{ uri: vscode.Uri; topic: string } | undefined> {
  const items = PRACTICE_TOPICS.map((topic) => {
    const sample = generatePractice(topic, 1);
    return { label: localize(sample.title, lang), description: topic, topic };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: t('TCP Tutor: Practice'),
    placeHolder: t('Choose a topic: every practice run has fresh numbers'),
  });
  return picked ? { uri: practiceUri(picked.topic, newSeed()), topic: picked.topic } : undefined;
}
