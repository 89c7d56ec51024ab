// SPDX-License-Identifier: Apache-2.0
// helm test: opens a TCP connection to host port (argv 1 and 2) and exits 0 once connected, 1 on an error or
// after 10 s. Run with `node -e`, so it needs nothing in the image but node.
const [host, port] = process.argv.slice(1);
const socket = require('node:net').connect({ host, port: Number(port), timeout: 10000 });
socket.on('connect', () => {
    console.log(`connected to ${host}:${port}`);
    socket.destroy();
    process.exit(0);
});
socket.on('timeout', () => {
    console.error(`no connection to ${host}:${port} within 10 s`);
    process.exit(1);
});
socket.on('error', (err) => {
    console.error(`cannot connect to ${host}:${port}: ${err.message}`);
    process.exit(1);
});
