import * as vscode from 'vscode';
import { localize, type Lang, type LocalText } from '../common/text';
import { decodeUtf8 } from '../common/decode';
import { loadExercise } from '../exercise/index';
import { messages } from '../exercise/messages';
import { PACK_FILE, parsePack } from '../packs/pack';
import { t } from '../l10n';

/** One exercise in the Lessons view. */
export interface LessonEntry {
  /** Key under which progress is kept: `course:<file>` or `pack:<folder>/<file>`. */
  id: string;
  uri: vscode.Uri;
  title: LocalText;
  questionIds: string[];
  /** The file could not be loaded: the first problem, with line and column. */
  problem?: string;
}

/** The built-in course or an instructor's pack. */
export interface LessonGroup {
  id: string;
  title: LocalText;
  folder: vscode.Uri;
  builtIn: boolean;
  lessons: LessonEntry[];
  problem?: string;
}

/** A file's text; bytes that are not UTF-8 throw with their line and column (shown as the entry's problem). */
async function readText(uri: vscode.Uri, name: string, lang: Lang): Promise<string> {
  const read = decodeUtf8(await vscode.workspace.fs.readFile(uri));
  if ('error' in read) throw new Error(`${name}:${read.error.line}:${read.error.column}: ${messages(lang).notUtf8(read.error.byte)}`);
  return read.text;
}

/** Reads a pack folder (the built-in course is one) into a group; never throws. */
export async function loadGroup(folder: vscode.Uri, opts: { id: string; builtIn: boolean; fallbackTitle: string; lang: Lang }): Promise<LessonGroup> {
  const group: LessonGroup = { id: opts.id, title: opts.fallbackTitle, folder, builtIn: opts.builtIn, lessons: [] };
  let text: string;
  try {
    text = await readText(vscode.Uri.joinPath(folder, PACK_FILE), PACK_FILE, opts.lang);
  } catch (e) {
    group.problem = e instanceof vscode.FileSystemError ? t('{0} not found', PACK_FILE) : (e as Error).message;
    return group;
  }
  const { pack, problems } = parsePack(text, opts.lang);
  if (!pack) {
    const p = problems[0];
    group.problem = p ? `${PACK_FILE}:${p.line}:${p.column}: ${p.message}` : PACK_FILE;
    return group;
  }
  group.title = pack.title;
  group.lessons = await Promise.all(
    pack.exercises.map(async (entry): Promise<LessonEntry> => {
      const uri = vscode.Uri.joinPath(folder, ...entry.file.split('/'));
      const lesson: LessonEntry = { id: `${opts.id}/${entry.file}`, uri, title: entry.title ?? entry.file, questionIds: [] };
      try {
        const { exercise, diagnostics } = loadExercise(await readText(uri, entry.file, opts.lang), entry.file, opts.lang);
        if (exercise) {
          lesson.title = entry.title ?? exercise.title;
          lesson.questionIds = exercise.questions.map((q) => q.id);
        } else {
          const d = diagnostics.find((x) => x.severity === 'error') ?? diagnostics[0];
          lesson.problem = d ? `${entry.file}:${d.line}:${d.column}: ${d.message}` : entry.file;
        }
      } catch (e) {
        const message = (e as Error).message;
        lesson.problem = message.startsWith(`${entry.file}:`) ? message : `${entry.file}: ${message}`;
      }
      return lesson;
    }),
  );
  return group;
}

/** The built-in course, then every pack found in the workspace. */
export async function loadCatalog(extensionUri: vscode.Uri, lang: Lang): Promise<LessonGroup[]> {
  const builtIn = loadGroup(vscode.Uri.joinPath(extensionUri, 'lessons'), { id: 'course', builtIn: true, fallbackTitle: t('TCP Tutor course'), lang });
  const packFiles = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles(`**/${PACK_FILE}`, '**/node_modules/**', 50) : [];
  const packs = packFiles
    .sort((a, b) => a.toString().localeCompare(b.toString()))
    .map((file) => {
      const folder = vscode.Uri.joinPath(file, '..');
      const rel = vscode.workspace.asRelativePath(folder, true);
      return loadGroup(folder, { id: `pack:${rel}`, builtIn: false, fallbackTitle: rel, lang });
    });
  return Promise.all([builtIn, ...packs]);
}

export function groupTitle(group: LessonGroup, lang: Lang): string {
  return localize(group.title, lang);
}
