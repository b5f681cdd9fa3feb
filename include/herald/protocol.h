/* herald wire protocol v1 (README, "Wire protocol v1"): the constants both sides share. */
#ifndef HERALD_PROTOCOL_H
#define HERALD_PROTOCOL_H

#define HERALD_PROTOCOL_VERSION 1
#define HERALD_DEFAULT_EVENTS_ENDPOINT "tcp://127.0.0.1:5556"
#define HERALD_DEFAULT_REPLAY_ENDPOINT "tcp://127.0.0.1:5557"

#define HERALD_TOPIC_HEARTBEAT "hb"
#define HERALD_TOPIC_EVENTS "ev." /* ev.<kind>.<article-id> */
#define HERALD_HEADER_SIZE 16     /* epoch (u64 BE) then sequence (u64 BE) */

#define HERALD_CMD_REPLAY "REPLAY" /* REPLAY req-id prefix from-sequence max */
#define HERALD_CMD_STATUS "STATUS" /* STATUS req-id */
#define HERALD_REPLY_EVENT "EVENT" /* EVENT req-id topic header body */
#define HERALD_REPLY_END "END"     /* END req-id header {"count","oldest","truncated"} */
#define HERALD_REPLY_STATUS "STATUS"
#define HERALD_REPLY_ERR "ERR"     /* ERR req-id code text */

#define HERALD_ERR_MALFORMED 400
#define HERALD_ERR_GONE 410        /* older than retained */
#define HERALD_ERR_TOO_MANY 429

#endif
