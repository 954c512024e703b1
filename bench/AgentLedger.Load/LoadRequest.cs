namespace AgentLedger.Load;

/// <summary>One HTTP request ready to send: <see cref="Records"/> is how many records it should store.</summary>
internal sealed record LoadRequest(TrafficKind Kind, string Path, string ContentType, byte[] Body, int Records, IReadOnlyList<KeyValuePair<string, string>> Headers);
