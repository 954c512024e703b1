using AgentLedger.Server.Features.Ingestion.Events;

namespace AgentLedger.Server.Features.Demo;

/// <summary>A generated native event with what its request would have carried: the sender's address and user agent.</summary>
internal readonly record struct DemoEvent(NativeEvent Event, string ClientIp, string UserAgent);
