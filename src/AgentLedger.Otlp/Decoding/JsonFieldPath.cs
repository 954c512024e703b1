using System.Text;

namespace AgentLedger.Otlp.Decoding;

/// <summary>Where the JSON decoder is, for error messages: <c>resourceLogs[0].scopeLogs[1].logRecords[3].traceId</c>.</summary>
internal sealed class JsonFieldPath
{
    private readonly List<(string Name, int Index)> _segments = new(16);

    public void Push(string name) => _segments.Add((name, -1));

    public void SetIndex(int index) => _segments[^1] = (_segments[^1].Name, index);

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        if (_segments.Count == 0)
        {
            return "$";
        }

        var text = new StringBuilder();
        foreach (var (name, index) in _segments)
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }

            text.Append(name);
            if (index >= 0)
            {
                text.Append('[').Append(index).Append(']');
            }
        }

        return text.ToString();
    }
}
