/** The commented starter exercise written by `tcp-tutor new` and the extension's "New Exercise". */
import type { Lang } from '../common/text';

const EN = `# A TCP Tutor exercise. Check it with: tcp-tutor check FILE
# Format reference: hover any key in VS Code, or read schemas/exercise.schema.json.
tcp-tutor: 1
title:
  en: My first exercise
  zh-cn: 我的第一个练习
description:
  en: A three-way handshake, a little data, and a four-way close.
  zh-cn: 三次握手、少量数据，然后四次挥手。
profile: rfc9293            # or linux
seed: 1                     # everything random (ISNs) derives from it

hosts:                      # two or more named hosts
  client: { address: 10.0.0.1, port: 40000, isn: 1000 }
  server: { address: 10.0.0.2, port: 80, isn: 5000 }

network: { latency: 50ms, msl: 30s }   # one-way latency; TIME-WAIT lasts 2*MSL

steps:                      # run in order, each once the previous one has settled
  - server: listen          # passive OPEN
  - client: connect server  # active OPEN: segments 1-3 are the handshake
  - client: send 100        # 100 bytes of data
  - client: close           # the client closes first ...
  - server: close           # ... then the server
  - wait: 2min              # let TIME-WAIT (2*MSL) expire

# faults:                   # uncomment to lose the client's last ACK
#   - drop: { from: client, flags: [ACK], len: 0, nth: last }

questions:                  # answers are computed by the engine
  - id: handshake-state
    ask: state
    host: client
    after: 2                # after segment 2 (the SYN,ACK) was processed
    expect: ESTABLISHED     # optional: check compares it with the engine
    explain:
      en: The SYN,ACK acknowledges the client's SYN, so the client is synchronized.
      zh-cn: SYN,ACK 确认了客户端的 SYN，客户端进入已同步状态。
  - id: syn-ack-numbers
    ask: segment            # predict fields of segment 2 before it is shown
    segment: 2
    fields: [seq, ack]
  - id: time-wait-length
    ask: number
    topic: time-wait        # 2*MSL in milliseconds
`;

const ZH = `# TCP Tutor 练习文件。检查：tcp-tutor check 文件名
# 格式说明：在 VS Code 中将鼠标悬停在键上，或阅读 schemas/exercise.schema.json。
tcp-tutor: 1
title:
  en: My first exercise
  zh-cn: 我的第一个练习
description:
  en: A three-way handshake, a little data, and a four-way close.
  zh-cn: 三次握手、少量数据，然后四次挥手。
profile: rfc9293            # 或 linux
seed: 1                     # 所有随机量（如 ISN）都由它派生

hosts:                      # 两个或更多具名主机
  client: { address: 10.0.0.1, port: 40000, isn: 1000 }
  server: { address: 10.0.0.2, port: 80, isn: 5000 }

network: { latency: 50ms, msl: 30s }   # 单向时延；TIME-WAIT 持续 2*MSL

steps:                      # 按顺序执行，每一步在上一步的影响结束后开始
  - server: listen          # 被动打开
  - client: connect server  # 主动打开：报文段 1-3 是三次握手
  - client: send 100        # 发送 100 字节数据
  - client: close           # 客户端先关闭……
  - server: close           # ……然后服务器关闭
  - wait: 2min              # 等待 TIME-WAIT（2*MSL）结束

# faults:                   # 取消注释即可让客户端最后的 ACK 丢失
#   - drop: { from: client, flags: [ACK], len: 0, nth: last }

questions:                  # 答案由引擎计算
  - id: handshake-state
    ask: state
    host: client
    after: 2                # 报文段 2（SYN,ACK）处理之后
    expect: ESTABLISHED     # 可选：check 会将它与引擎的答案比较
    explain:
      en: The SYN,ACK acknowledges the client's SYN, so the client is synchronized.
      zh-cn: SYN,ACK 确认了客户端的 SYN，客户端进入已同步状态。
  - id: syn-ack-numbers
    ask: segment            # 在显示报文段 2 之前预测它的字段
    segment: 2
    fields: [seq, ack]
  - id: time-wait-length
    ask: number
    topic: time-wait        # 2*MSL，单位毫秒
`;

/** A commented starter exercise (comments in `lang`; titles in both languages). Passes `check`. */
export function STARTER_TEMPLATE(lang: Lang = 'en'): string {
  return lang === 'zh-cn' ? ZH : EN;
}
