// Test helper, run as its own process (so the test process stays free to
// measure): opens `count` sockets to 127.0.0.1:`port` from each local address
// given, each sending a POST's headers with Content-Length 65 530 and then
// 65 500 bytes of body, and nothing more — a slow-body attack. Prints one JSON
// line when every socket has connected or been refused ({"settled": ms}) and
// one when the server has closed them all ({"closed": ms}).
//   node slow-attacker.mjs PORT COUNT ADDRESS[,ADDRESS…] [PATHS]
import { connect } from 'node:net';

const [port, count, addresses, paths = '/api/chat,/admin/login'] = process.argv.slice(2);
const started = performance.now();
const chat = `{"message":"${'a'.repeat(65_500 - 12)}`;
const form = `token=${'a'.repeat(65_500 - 6)}`;
const heads = {
  '/api/chat': `POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 65530\r\n\r\n`,
  '/admin/login': `POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nOrigin: http://127.0.0.1:${port}\r\nContent-Length: 65530\r\n\r\n`,
};
const pathList = paths.split(',');
let settled = 0;
let closed = 0;
const total = Number(count) * addresses.split(',').length;
const say = (what) => process.stdout.write(`${JSON.stringify({ [what]: Math.round(performance.now() - started) })}\n`);
let i = 0;
for (const from of addresses.split(',')) {
  for (let k = 0; k < Number(count); k++, i++) {
    const path = pathList[i % pathList.length];
    const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress: from });
    let counted = false;
    const settle = () => {
      if (counted) return;
      counted = true;
      if (++settled === total) say('settled');
    };
    socket.on('connect', () => {
      settle();
      socket.write(heads[path]);
      socket.write(path === '/api/chat' ? chat : form);
    });
    socket.on('error', settle);
    socket.on('close', () => {
      settle();
      if (++closed === total) {
        say('closed');
        process.exit(0);
      }
    });
    socket.resume();
    if (i % 200 === 199) await new Promise((r) => setTimeout(r, 20));
  }
}
