// Runs the SMTP sink in its own process (benchmarks: the server must not share the desk's core).
// Prints "smtp sink at PORT", then one line "received <Message-ID>" per accepted message.
import { startSmtpSink } from './smtp-sink';

void startSmtpSink().then((sink) => {
  console.log(`smtp sink at ${sink.port}`);
  let seen = 0;
  setInterval(() => {
    for (; seen < sink.received.length; seen++) console.log(`received ${sink.received[seen]!.messageId}`);
  }, 5);
});
