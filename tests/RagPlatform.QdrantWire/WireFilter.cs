using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;

namespace RagPlatform.QdrantWire;

/// <summary>Qdrant's filter semantics over one point: every <c>must</c> holds, no <c>must_not</c>
/// holds, and at least one <c>should</c> holds when there are any (or <c>min_should</c>'s count).
/// Conditions: match keyword / any-of keywords / integer / any-of integers / boolean on a top-level
/// payload field (an array value matches when any element does), <c>has_id</c>, and nested
/// filters. Anything else is refused as unimplemented rather than silently matched.</summary>
internal static class WireFilter
{
    public static bool Matches(Filter? filter, WirePoint point)
    {
        if (filter is null)
        {
            return true;
        }

        if (!filter.Must.All(c => Matches(c, point)) || filter.MustNot.Any(c => Matches(c, point)))
        {
            return false;
        }

        if (filter.Should.Count > 0 && !filter.Should.Any(c => Matches(c, point)))
        {
            return false;
        }

        return filter.MinShould is null
            || filter.MinShould.Conditions.Count(c => Matches(c, point)) >= (int)filter.MinShould.MinCount;
    }

    private static bool Matches(Condition condition, WirePoint point) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Field => Matches(condition.Field, point.Payload),
        Condition.ConditionOneOfOneofCase.HasId => condition.HasId.HasId.Any(id => WirePointKey.From(id) == point.Key),
        Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, point),
        _ => throw WireFailures.Unsupported($"the {condition.ConditionOneOfCase} condition"),
    };

    private static bool Matches(FieldCondition condition, MapField<string, Value> payload)
    {
        if (condition.Match is null)
        {
            throw WireFailures.Unsupported($"field conditions other than match (on '{condition.Key}')");
        }

        var values = ValuesAt(payload, condition.Key);
        var match = condition.Match;
        return match.MatchValueCase switch
        {
            Match.MatchValueOneofCase.Keyword => values.Any(v => v.HasStringValue && v.StringValue == match.Keyword),
            Match.MatchValueOneofCase.Keywords => values.Any(v => v.HasStringValue && match.Keywords.Strings.Contains(v.StringValue)),
            Match.MatchValueOneofCase.Integer => values.Any(v => v.HasIntegerValue && v.IntegerValue == match.Integer),
            Match.MatchValueOneofCase.Integers => values.Any(v => v.HasIntegerValue && match.Integers.Integers.Contains(v.IntegerValue)),
            Match.MatchValueOneofCase.Boolean => values.Any(v => v.HasBoolValue && v.BoolValue == match.Boolean),
            _ => throw WireFailures.Unsupported($"the {match.MatchValueCase} match"),
        };
    }

    /// <summary>The value of a top-level field, or each element when it is an array.</summary>
    private static RepeatedField<Value> ValuesAt(MapField<string, Value> payload, string key)
    {
        if (key.Contains('.', StringComparison.Ordinal) || key.Contains('[', StringComparison.Ordinal))
        {
            throw WireFailures.Unsupported($"nested payload keys ('{key}')");
        }

        if (!payload.TryGetValue(key, out var value))
        {
            return [];
        }

        return value.KindCase == Value.KindOneofCase.ListValue ? value.ListValue.Values : [value];
    }
}
