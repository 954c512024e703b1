using System.Text.Json.Serialization;

namespace AgentLedger.Core.Analytics;

[JsonSerializable(typeof(AnalyticsCursorCodec.CursorState))]
internal sealed partial class CursorJson : JsonSerializerContext;
