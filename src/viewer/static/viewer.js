/* global document, window, location, history, atob, WebSocket, URLSearchParams */
// The rcgate browser viewer. The session id, the single-use ticket and the
// relay URL arrive in the fragment (#session=…&ticket=…&relay=…), which the
// browser never sends to a server.
import RFB from './novnc/core/rfb.js';

const $ = (id) => document.getElementById(id);

const ENDED_TEXT = {
  viewerClosed: 'you closed the session',
  agentClosed: 'the device closed the session',
  endedByAdministrator: 'an administrator ended the session',
  consentDenied: 'the user denied access',
  consentTimeout: 'the user did not answer in time',
  ticketExpired: 'the ticket expired before both sides joined',
  maxDurationReached: 'the session reached its maximum duration',
  relayLost: 'the relay was lost',
  deviceDeleted: 'the device was deleted',
};

function readFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  // The ticket is single-use; keep it out of the address bar, history and bookmarks.
  history.replaceState(null, '', location.pathname + location.search);
  return { session: params.get('session'), ticket: params.get('ticket'), relay: params.get('relay'), viewOnly: params.get('viewOnly') };
}

/** The ticket is a JWS; its middle part is base64url JSON with the access level (`lvl`). Read only, never trusted: the relay enforces it. */
function claimsOf(ticket) {
  try {
    const part = ticket.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')));
  } catch {
    return {};
  }
}

function show(state, text) {
  document.body.dataset.state = state;
  $('state').textContent = text;
}

/** The end reason from a relay close: 4000 carries the session's endReason, 1000 the side that left. */
function endReasonOf(code, reason) {
  if (code === 4401) return 'ticketRejected';
  if (code === 4409) return 'alreadyJoined';
  if (reason) return reason;
  return code === 1000 || code === 1005 ? 'viewerClosed' : 'relayLost';
}

function describeEnd(reason) {
  if (reason === 'ticketRejected') return 'the relay refused the ticket (expired or already used)';
  if (reason === 'alreadyJoined') return 'another viewer is already connected';
  return ENDED_TEXT[reason] ?? reason;
}

function start() {
  const { session, ticket, relay, viewOnly: viewOnlyFlag } = readFragment();
  if (!ticket || !relay) {
    show('error', 'No session ticket in the link. Start the session again to get a new link.');
    return;
  }
  const claims = claimsOf(ticket);
  const viewOnly = viewOnlyFlag === '1' || claims.lvl === 'viewOnly';
  $('view-only').hidden = !viewOnly;
  document.body.dataset.session = session ?? claims.sub ?? '';
  document.body.dataset.viewOnly = String(viewOnly);
  show('connecting', 'Connecting…');

  // The ticket rides in a subprotocol, never in the URL. noVNC gets our own socket (it accepts
  // one instead of a URL plus wsProtocols) so that the close event's code and reason are ours to read.
  const ws = new WebSocket(relay, ['rcgate.v1', `rcgate.ticket.${ticket}`]);
  let ended = false;
  ws.addEventListener('close', (event) => {
    ended = true;
    const reason = endReasonOf(event.code, event.reason);
    document.body.dataset.endReason = reason;
    show('ended', `Ended: ${describeEnd(reason)}`);
    $('cad').disabled = true;
    $('end').disabled = true;
  });

  const rfb = new RFB($('screen'), ws, { shared: true });
  rfb.viewOnly = viewOnly;
  rfb.scaleViewport = true;
  rfb.resizeSession = false;
  rfb.background = '#111';
  rfb.addEventListener('connect', () => {
    show('connected', viewOnly ? 'Connected (view only)' : 'Connected');
    $('cad').disabled = viewOnly;
    $('end').disabled = false;
    rfb.focus();
  });
  rfb.addEventListener('disconnect', () => {
    if (!ended) show('ended', 'Disconnected');
  });
  rfb.addEventListener('desktopname', (event) => {
    $('device').textContent = event.detail.name;
    document.title = `${event.detail.name} — rcgate viewer`;
  });
  rfb.addEventListener('credentialsrequired', () => {
    const password = window.prompt('The remote computer asks for its VNC password:');
    if (password === null) rfb.disconnect();
    else rfb.sendCredentials({ password });
  });
  rfb.addEventListener('securityfailure', (event) => show('error', `Security failure: ${event.detail.reason ?? 'refused'}`));

  $('end').addEventListener('click', () => rfb.disconnect());
  $('cad').addEventListener('click', () => rfb.sendCtrlAltDel());
  window.addEventListener('pagehide', () => ws.close());
}

start();
