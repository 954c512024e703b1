using System.Text;
using CsCheck;

namespace AgentLedger.Fuzz;

/// <summary>Inputs: random bytes, and seeds (real captures, the corpus) mutated the way wire-format fuzzers do.</summary>
public static class Mutations
{
    private static readonly byte[][] Tokens =
    [
        "\""u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(),
        "null"u8.ToArray(), "-1"u8.ToArray(), "99999999999999999999999"u8.ToArray(), "1e309"u8.ToArray(), "\\u0000"u8.ToArray(),
        "\n"u8.ToArray(), [0xff, 0xff, 0xff, 0xff, 0x0f], [0x80], [0x0a, 0xff, 0xff, 0xff, 0xff, 0x07], Encoding.UTF8.GetBytes(new string('[', 100)),
    ];

    public static Gen<byte[]> Inputs(IReadOnlyList<byte[]> seeds)
    {
        var random = Gen.Byte.Array[0, 1024];
        if (seeds.Count == 0)
        {
            return random;
        }

        var mutated = Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Int.Array[1, 6], (i, ops) => Mutate(seeds[i], ops));
        return Gen.Frequency((1, random), (6, mutated));
    }

    public static byte[] Mutate(byte[] seed, int[] ops)
    {
        var data = new List<byte>(seed);
        foreach (var op in ops)
        {
            var position = data.Count == 0 ? 0 : (int)((uint)op >> 4) % data.Count;
            switch (op & 0xf)
            {
                case 0 or 1 or 2 when data.Count > 0:
                    data[position] ^= (byte)(1 << ((op >> 8) & 7));
                    break;
                case 3 when data.Count > 0:
                    data[position] = (byte)(op >> 12);
                    break;
                case 4 or 5:
                    data.InsertRange(position, Tokens[(int)((uint)op >> 20) % Tokens.Length]);
                    break;
                case 6 when data.Count > 0:
                    data.RemoveRange(position, Math.Min(data.Count - position, 1 + ((op >> 8) & 63)));
                    break;
                case 7 when data.Count > 0:
                    data.RemoveRange(position, data.Count - position);
                    break;
                case 8 when data.Count > 0:
                    var length = Math.Min(data.Count - position, 1 + ((op >> 8) & 255));
                    data.InsertRange(position, data.GetRange(position, length));
                    break;
                default:
                    data.Insert(position, (byte)(op >> 24));
                    break;
            }
        }

        return [.. data];
    }
}
