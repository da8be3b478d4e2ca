/** Every string the CLI prints, in both languages. */
import type { Lang } from '../common/text';

const en = {
  usage: `Usage: tcp-tutor <command> [options]

Commands:
  simulate FILE [--json]                     run an exercise and print its trace
  render FILE [--numbers relative|absolute]  print the Mermaid sequence diagram
  check FILE|DIR...                          check exercise files (*.tcp.yaml)
  quiz FILE [--seed N]                       answer the exercise's questions in the terminal
  new NAME                                   write NAME.tcp.yaml from a commented starter
  help [COMMAND]                             show help for a command

Options:
  --lang en|zh-cn   language of messages (default from LANG / LC_ALL)
  --help, -h        show help
  --version, -V     print the version`,
  help: {
    simulate: `Usage: tcp-tutor simulate FILE [--json]

Runs the exercise's scenario and prints the trace as a table: segment number, virtual time,
sender → receiver, flags, seq, ack, length, window, fate, and the state changes it caused; a
network duplicate has its own row, and so has each user call that failed.
  --json   print the trace as JSON (hosts, segments, states, final, errors) instead`,
    render: `Usage: tcp-tutor render FILE [--numbers relative|absolute]

Prints the trace as a Mermaid sequence diagram.
  --numbers relative|absolute   sequence numbers relative to the ISNs, or as sent (default absolute)`,
    check: `Usage: tcp-tutor check FILE|DIR...

Checks exercise files (directories are searched for *.tcp.yaml): YAML, format, meaning, a run
of the engine, and every question's expect against the engine's answer.
Prints file:line:col: message per error, file:line:col: warning: message per warning (a step
whose call fails, a fault that never applies), and a summary.
Exit status: 0 when every file passes (warnings allowed), 1 when problems were found, 2 on usage
errors.`,
    quiz: `Usage: tcp-tutor quiz FILE [--seed N]

Asks the exercise's questions in the terminal, one answer per line. An answer that is not
understood is asked again without using a try; after the last try the answer is shown.
  --seed N   run the scenario with another seed (different ISNs)`,
    new: `Usage: tcp-tutor new NAME

Writes NAME.tcp.yaml (the suffix is added when missing) from a commented starter exercise.
Refuses to overwrite an existing file.`,
    help: `Usage: tcp-tutor help [COMMAND]

Shows help for a command.`,
  } as Record<string, string>,
  unknownCommand: (c: string) => `tcp-tutor: unknown command '${c}'`,
  unknownOption: (o: string) => `tcp-tutor: unknown option '${o}'`,
  missingValue: (o: string) => `tcp-tutor: option '${o}' needs a value`,
  badValue: (o: string, v: string, allowed: string) => `tcp-tutor: invalid value '${v}' for ${o} (expected ${allowed})`,
  missingArg: (cmd: string, what: string) => `tcp-tutor ${cmd}: missing ${what}`,
  extraArg: (cmd: string, a: string) => `tcp-tutor ${cmd}: unexpected argument '${a}'`,
  cannotRead: (f: string, why: string) => `tcp-tutor: cannot read ${f}: ${why}`,
  cannotWrite: (f: string, why: string) => `tcp-tutor new: cannot write ${f}: ${why}`,
  why: {
    missing: 'no such file',
    missingPath: 'no such file or directory',
    noDirectory: 'no such directory',
    directory: 'is a directory',
    notRegular: 'not a regular file (a device, pipe or socket)',
    denied: 'permission denied',
  },
  noFiles: (paths: string) => `tcp-tutor check: no *.tcp.yaml files in ${paths}`,
  summaryPass: (files: number, warnings: number) =>
    `${files} file${files === 1 ? '' : 's'} checked: all passed${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`,
  summaryFail: (files: number, failed: number, errors: number, warnings: number) =>
    `${files} file${files === 1 ? '' : 's'} checked: ${failed} failed (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`,
  exists: (f: string) => `tcp-tutor new: ${f} already exists; not overwriting it`,
  created: (f: string) => `Created ${f}. Check it with: tcp-tutor check ${f}`,
  badName: (n: string) => `tcp-tutor new: '${n}' is not a usable file name`,
  noQuestions: 'This exercise has no questions.',
  question: (i: number, n: number, id: string) => `Question ${i}/${n} (${id})`,
  answerPrompt: '> ',
  segmentFormat: (fields: string[]) => `Answer on one line: ${fields.map((f) => `${f}=…`).join(' ')}`,
  correct: 'Correct.',
  wrong: (left: number) => `Not quite.${left > 0 ? ` ${left} ${left === 1 ? 'try' : 'tries'} left.` : ''}`,
  hint: (h: string) => `Hint: ${h}`,
  reveal: (a: string) => `The answer: ${a}`,
  score: (s: number, n: number) => `Score: ${s}/${n}`,
  endOfInput: 'End of input.',
  internalError: (m: string) => `tcp-tutor: internal error: ${m}`,
  tableHead: ['#', 'time', 'from → to', 'flags', 'seq', 'ack', 'len', 'win', 'fate', 'state changes'],
  fate: { delivered: 'delivered', dropped: 'lost', duplicate: 'duplicate' } as Record<string, string>,
  duplicateOf: (n: number) => `duplicate of #${n}`,
  failed: 'failed',
  callFailed: (call: string, error: string, step: number | null) => `${call}: ${error}${step === null ? '' : ` (step ${step})`}`,
  final: 'Final states',
};

type Catalogue = typeof en;

const zh: Catalogue = {
  usage: `用法：tcp-tutor <命令> [选项]

命令：
  simulate 文件 [--json]                      运行练习并打印轨迹
  render 文件 [--numbers relative|absolute]   打印 Mermaid 时序图
  check 文件|目录...                          检查练习文件（*.tcp.yaml）
  quiz 文件 [--seed N]                        在终端中回答练习的问题
  new 名称                                    用带注释的模板创建 名称.tcp.yaml
  help [命令]                                 显示命令的帮助

选项：
  --lang en|zh-cn   消息语言（默认取自 LANG / LC_ALL）
  --help, -h        显示帮助
  --version, -V     打印版本号`,
  help: {
    simulate: `用法：tcp-tutor simulate 文件 [--json]

运行练习中的场景并以表格打印轨迹：报文段编号、虚拟时间、发送方 → 接收方、标志位、seq、ack、
长度、窗口、结果，以及它引起的状态变化；网络产生的重复报文段和每个失败的用户调用各占一行。
  --json   改为以 JSON 打印轨迹（hosts、segments、states、final、errors）`,
    render: `用法：tcp-tutor render 文件 [--numbers relative|absolute]

以 Mermaid 时序图打印轨迹。
  --numbers relative|absolute   序号相对于 ISN，或按实际发送值（默认 absolute）`,
    check: `用法：tcp-tutor check 文件|目录...

检查练习文件（在目录中查找 *.tcp.yaml）：YAML、格式、语义、运行引擎，并将每个问题的 expect
与引擎的答案比较。每个错误打印一行 文件:行:列: 消息，每个警告打印一行 文件:行:列: warning: 消息
（例如某一步的调用会失败、某个故障从未生效），最后打印汇总。
退出码：全部通过为 0（允许有警告），发现问题为 1，用法错误为 2。`,
    quiz: `用法：tcp-tutor quiz 文件 [--seed N]

在终端中逐个提问，每行一个答案。无法理解的答案会重新询问且不消耗次数；次数用完后显示答案。
  --seed N   用另一个种子运行场景（ISN 不同）`,
    new: `用法：tcp-tutor new 名称

用带注释的模板写入 名称.tcp.yaml（缺少后缀时自动添加）。不会覆盖已有文件。`,
    help: `用法：tcp-tutor help [命令]

显示命令的帮助。`,
  },
  unknownCommand: (c) => `tcp-tutor：未知命令 '${c}'`,
  unknownOption: (o) => `tcp-tutor：未知选项 '${o}'`,
  missingValue: (o) => `tcp-tutor：选项 '${o}' 需要一个值`,
  badValue: (o, v, allowed) => `tcp-tutor：${o} 的值 '${v}' 无效（应为 ${allowed}）`,
  missingArg: (cmd, what) => `tcp-tutor ${cmd}：缺少${what}`,
  extraArg: (cmd, a) => `tcp-tutor ${cmd}：多余的参数 '${a}'`,
  cannotRead: (f, why) => `tcp-tutor：无法读取 ${f}：${why}`,
  cannotWrite: (f, why) => `tcp-tutor new：无法写入 ${f}：${why}`,
  why: {
    missing: '文件不存在',
    missingPath: '文件或目录不存在',
    noDirectory: '目录不存在',
    directory: '这是一个目录',
    notRegular: '不是普通文件（而是设备、管道或套接字）',
    denied: '没有权限',
  },
  noFiles: (paths) => `tcp-tutor check：${paths} 中没有 *.tcp.yaml 文件`,
  summaryPass: (files, warnings) => `已检查 ${files} 个文件：全部通过${warnings ? `（${warnings} 个警告）` : ''}`,
  summaryFail: (files, failed, errors, warnings) => `已检查 ${files} 个文件：${failed} 个未通过（${errors} 个错误，${warnings} 个警告）`,
  exists: (f) => `tcp-tutor new：${f} 已存在，不会覆盖`,
  created: (f) => `已创建 ${f}。检查：tcp-tutor check ${f}`,
  badName: (n) => `tcp-tutor new：'${n}' 不是可用的文件名`,
  noQuestions: '这个练习没有问题。',
  question: (i, n, id) => `第 ${i}/${n} 题（${id}）`,
  answerPrompt: '> ',
  segmentFormat: (fields) => `在一行中作答：${fields.map((f) => `${f}=…`).join(' ')}`,
  correct: '正确。',
  wrong: (left) => `不对。${left > 0 ? `还有 ${left} 次机会。` : ''}`,
  hint: (h) => `提示：${h}`,
  reveal: (a) => `答案：${a}`,
  score: (s, n) => `得分：${s}/${n}`,
  endOfInput: '输入结束。',
  internalError: (m) => `tcp-tutor：内部错误：${m}`,
  tableHead: ['#', '时间', '发送 → 接收', '标志', 'seq', 'ack', '长度', '窗口', '结果', '状态变化'],
  fate: { delivered: '已送达', dropped: '丢失', duplicate: '重复' },
  duplicateOf: (n) => `#${n} 的副本`,
  failed: '失败',
  callFailed: (call, error, step) => `${call}：${error}${step === null ? '' : `（第 ${step} 步）`}`,
  final: '最终状态',
};

export function cliText(lang: Lang): Catalogue {
  return lang === 'zh-cn' ? zh : en;
}

export const COMMANDS = ['simulate', 'render', 'check', 'quiz', 'new', 'help'] as const;
export type Command = (typeof COMMANDS)[number];
