/**
 * The built-in course: every lesson file is well formed, bilingual, and listed once in the course.
 * These checks read the YAML directly, so they hold whatever the exercise loader accepts on top.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACK_FILE, parsePack, type Pack } from '../../../src/packs/pack';

const LESSONS_DIR = join(__dirname, '..', '..', '..', 'lessons');

const TOPICS = [
  'header',
  'handshake',
  'isn',
  'syn-flood',
  'close',
  'time-wait',
  'half-close',
  'half-open',
  'simultaneous-open',
  'simultaneous-close',
  'rst',
  'linux',
];

type Doc = Record<string, unknown>;

const lessonFiles = readdirSync(LESSONS_DIR)
  .filter((f) => f.endsWith('.tcp.yaml'))
  .sort();

function load(file: string): Doc {
  return parse(readFileSync(join(LESSONS_DIR, file), 'utf8')) as Doc;
}

function loadCourse(): Pack {
  const { pack, problems } = parsePack(readFileSync(join(LESSONS_DIR, PACK_FILE), 'utf8'));
  expect(problems).toEqual([]);
  return pack!;
}

/** Problems with a LocalText that must carry both languages; `where` names it in the message. */
function bilingualProblems(value: unknown, where: string, requireHan = true): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [`${where}: expected { en, zh-cn }, got ${JSON.stringify(value)}`];
  }
  const text = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const lang of ['en', 'zh-cn']) {
    const s = text[lang];
    if (typeof s !== 'string' || s.trim() === '') problems.push(`${where}: missing ${lang}`);
  }
  for (const key of Object.keys(text)) {
    if (key !== 'en' && key !== 'zh-cn') problems.push(`${where}: unexpected language key ${key}`);
  }
  if (requireHan && typeof text['zh-cn'] === 'string' && !/[\u4e00-\u9fff]/.test(text['zh-cn'])) {
    problems.push(`${where}: zh-cn text has no Chinese characters`);
  }
  return problems;
}

/** Every learner-visible text of a lesson, with a path for messages. */
function localTexts(doc: Doc): [string, unknown][] {
  const out: [string, unknown][] = [
    ['title', doc.title],
    ['description', doc.description],
    ['body', doc.body],
  ];
  const misconceptions = (doc.misconceptions ?? []) as unknown[];
  misconceptions.forEach((m, i) => out.push([`misconceptions[${i}]`, m]));
  const questions = (doc.questions ?? []) as Doc[];
  for (const q of questions) {
    const id = String(q.id);
    for (const key of ['prompt', 'explain']) {
      if (q[key] !== undefined) out.push([`${id}.${key}`, q[key]]);
    }
    ((q.hints ?? []) as unknown[]).forEach((h, i) => out.push([`${id}.hints[${i}]`, h]));
    ((q.choices ?? []) as unknown[]).forEach((c, i) => out.push([`${id}.choices[${i}]`, c]));
  }
  return out;
}

/** English words, or for Chinese: CJK characters count as one unit each, Latin words as one. */
function wordCount(text: string, lang: 'en' | 'zh-cn'): number {
  if (lang === 'en') return text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
  const cjk = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const latin = text.replace(/[\u4e00-\u9fff]/g, ' ').split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
  return cjk + latin;
}

describe('lesson files', () => {
  it('there are lessons for all twelve topics', () => {
    const topics = new Set(lessonFiles.map((f) => load(f).topic));
    expect([...topics].sort()).toEqual([...TOPICS].sort());
  });

  describe.each(lessonFiles)('%s', (file) => {
    const doc = load(file);

    it('has the format version, a known topic and a profile', () => {
      expect(doc['tcp-tutor']).toBe(1);
      expect(TOPICS).toContain(doc.topic);
      expect(['rfc9293', 'linux']).toContain(doc.profile ?? 'rfc9293');
    });

    it('gives every learner-visible text in English and Simplified Chinese', () => {
      // A choice may be the same in both languages (a state name, a system call), so it need not contain Han characters.
      const problems = localTexts(doc).flatMap(([where, value]) => bilingualProblems(value, where, !where.includes('.choices[')));
      expect(problems).toEqual([]);
    });

    it('has a lesson body of 150–400 words in each language', () => {
      const body = doc.body as Record<'en' | 'zh-cn', string>;
      for (const lang of ['en', 'zh-cn'] as const) {
        const n = wordCount(body[lang], lang);
        expect(n, `${lang} body has ${n} words`).toBeGreaterThanOrEqual(150);
        // Chinese runs longer in characters than English in words; 700 characters is about 400 English words.
        expect(n, `${lang} body has ${n} words`).toBeLessThanOrEqual(lang === 'en' ? 400 : 700);
      }
    });

    it('lists at least two misconceptions', () => {
      expect(Array.isArray(doc.misconceptions)).toBe(true);
      expect((doc.misconceptions as unknown[]).length).toBeGreaterThanOrEqual(2);
    });

    it('has at least four questions with unique ids, each explained', () => {
      const questions = doc.questions as Doc[];
      expect(questions.length).toBeGreaterThanOrEqual(4);
      const ids = questions.map((q) => q.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const q of questions) expect(q.explain, `question ${String(q.id)}`).toBeDefined();
    });

    it('states an answer in range for every choice question, and an expect on most others', () => {
      const questions = doc.questions as Doc[];
      for (const q of questions.filter((x) => x.ask === 'choice')) {
        const choices = q.choices as unknown[];
        expect(choices.length, `question ${String(q.id)}`).toBeGreaterThanOrEqual(2);
        expect(Number.isInteger(q.answer)).toBe(true);
        expect(q.answer as number).toBeGreaterThanOrEqual(0);
        expect(q.answer as number).toBeLessThan(choices.length);
      }
      const computed = questions.filter((x) => x.ask !== 'choice');
      const withExpect = computed.filter((x) => x.expect !== undefined);
      expect(withExpect.length * 2).toBeGreaterThanOrEqual(computed.length);
    });

    it('names only its own hosts in steps and questions', () => {
      const hosts = Object.keys(doc.hosts as Doc);
      expect(hosts.length).toBeGreaterThanOrEqual(2);
      for (const step of doc.steps as Doc[]) {
        const verbs = Object.keys(step).filter((k) => k !== 'at' && k !== 'wait' && k !== 'inject');
        for (const host of verbs) expect(hosts, `step ${JSON.stringify(step)}`).toContain(host);
      }
      for (const q of doc.questions as Doc[]) {
        if (q.host !== undefined) expect(hosts).toContain(q.host);
      }
    });
  });
});

describe('the course pack (lessons/tcp-tutor.pack.yaml)', () => {
  const course = loadCourse();
  const listed = course.exercises.map((e) => e.file);

  it('has a bilingual title and offers both languages', () => {
    expect(bilingualProblems(course.title, 'title')).toEqual([]);
    expect(course.languages).toEqual(['en', 'zh-cn']);
  });

  it('lists every lesson file exactly once, and nothing else', () => {
    expect([...listed].sort()).toEqual(lessonFiles);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('covers every course topic, in the order the files are numbered', () => {
    expect(listed).toEqual([...listed].sort());
    const topics = [...new Set(listed.map((f) => load(f).topic))];
    expect(topics).toEqual(['header', 'handshake', 'isn', 'syn-flood', 'close', 'time-wait', 'half-close', 'half-open', 'simultaneous-open', 'simultaneous-close', 'rst', 'linux']);
  });
});
