using System.Globalization;

namespace RagPlatform.OnnxGraphs;

/// <summary>Assembles a graph node by node. Every value gets a unique name; constants with the same
/// content are shared; learned weights are counted so the generated model's size can be checked.</summary>
public sealed class OnnxGraphBuilder(string graphName)
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly HashSet<string> _valueNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sharedConstants = new(StringComparer.Ordinal);
    private long _parameterCount;
    private int _nodeCounter;

    public string Input(string name, OnnxElementType elementType, params OnnxDimension[] shape)
    {
        Claim(name);
        _inputs.Add(new OnnxValueInfo(name, elementType, shape));
        return name;
    }

    /// <summary>Declares a graph output; a later node must produce it (pass the name as its output).</summary>
    public string Output(string name, OnnxElementType elementType, params OnnxDimension[] shape)
    {
        _outputs.Add(new OnnxValueInfo(name, elementType, shape));
        return name;
    }

    /// <summary>A learned weight: stored as an initializer and counted in the parameter total.</summary>
    public string Parameter(OnnxTensor tensor)
    {
        AddInitializer(tensor);
        _parameterCount += tensor.ElementCount;
        return tensor.Name;
    }

    /// <summary>A fixed tensor that is not a weight (a mask, a shape).</summary>
    public string Constant(OnnxTensor tensor)
    {
        AddInitializer(tensor);
        return tensor.Name;
    }

    public string Int64Vector(params long[] values) =>
        Shared("i64[" + string.Join(',', values) + "]", name => OnnxTensor.Int64s(name, [values.Length], values));

    public string Int64Scalar(long value) =>
        Shared("i64:" + value.ToString(CultureInfo.InvariantCulture), name => OnnxTensor.Int64s(name, [], [value]));

    public string FloatScalar(float value) =>
        Shared("f32:" + value.ToString("R", CultureInfo.InvariantCulture), name =>
        {
            var tensor = OnnxTensor.Floats(name);
            tensor.FloatData[0] = value;
            return tensor;
        });

    /// <summary>Adds one node and returns the name of its (single) output.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, IReadOnlyList<OnnxAttribute>? attributes = null, string? output = null)
    {
        var nodeName = opType + "_" + (++_nodeCounter).ToString(CultureInfo.InvariantCulture);
        output ??= nodeName + "_out";
        Claim(output);
        _nodes.Add(new OnnxNode(nodeName, opType, inputs, [output], attributes ?? []));
        return output;
    }

    public OnnxGraph Build()
    {
        var missing = _outputs.Where(output => !_valueNames.Contains(output.Name)).Select(output => output.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Graph outputs never produced: {string.Join(", ", missing)}.");
        }

        return new OnnxGraph(graphName, _nodes, _initializers, _inputs, _outputs, _parameterCount);
    }

    private string Shared(string key, Func<string, OnnxTensor> create)
    {
        if (!_sharedConstants.TryGetValue(key, out var name))
        {
            name = "const_" + _sharedConstants.Count.ToString(CultureInfo.InvariantCulture);
            Constant(create(name));
            _sharedConstants[key] = name;
        }

        return name;
    }

    private void AddInitializer(OnnxTensor tensor)
    {
        Claim(tensor.Name);
        _initializers.Add(tensor);
    }

    private void Claim(string name)
    {
        if (!_valueNames.Add(name))
        {
            throw new InvalidOperationException($"The value name '{name}' is used twice in graph {graphName}.");
        }
    }
}
