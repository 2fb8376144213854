using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;

namespace NetGen.Kernels.Tests;

/// <summary><see cref="Lanes"/>: strided loads of whole and partial blocks, their bounds, and the lane sums.</summary>
public class LanesTests
{
    private static readonly float[] Rows = CreateRows(11, 3); // 11 examples of 3 features: row i, feature k = 10·i + k

    [Theory]
    [InlineData(0, 8, 0)]
    [InlineData(0, 8, 2)]
    [InlineData(3, 8, 1)]
    [InlineData(8, 3, 2)]
    [InlineData(10, 1, 0)]
    [InlineData(4, 7, 2)]
    public void Load_takes_one_feature_per_example_and_zeroes_the_unused_lanes(int first, int count, int feature)
    {
        var v = Lanes.Load<D3>(Rows, first, count, feature);
        for (int e = 0; e < 8; e++)
            Assert.Equal(e < count ? 10f * (first + e) + feature : 0f, v.GetElement(e));
    }

    [Fact]
    public void Load_of_contiguous_rows_is_a_plain_vector_load()
    {
        float[] column = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        Assert.Equal(Vector256.Create(2f, 3, 4, 5, 6, 7, 8, 9), Lanes.Load<D1>(column, 1, 8, 0));
        Assert.Equal(Vector256.Create(9f, 0, 0, 0, 0, 0, 0, 0), Lanes.Load<D1>(column, 8, 1, 0));
    }

    [Theory]
    [InlineData(4, 8, 0)]   // examples 4 … 11 of 11
    [InlineData(10, 2, 0)]  // examples 10 … 11
    [InlineData(-1, 1, 0)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 9, 0)]
    [InlineData(0, 1, 3)]   // feature 3 of rows of 3
    public void Load_rejects_blocks_outside_the_rows(int first, int count, int feature)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.Load<D3>(Rows, first, count, feature));
        Assert.Contains("rows of 3", ex.Message);
    }

    [Fact]
    public void Mask_sets_exactly_the_live_lanes()
    {
        for (int count = 1; count <= 8; count++)
        {
            var mask = Lanes.Mask(count).AsInt32();
            for (int e = 0; e < 8; e++) Assert.Equal(e < count ? -1 : 0, mask.GetElement(e));
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(5)]
    [InlineData(1)]
    public void StoreSums_writes_the_lane_sums_of_the_first_count_vectors_and_nothing_else(int count)
    {
        var v = new Vector256<float>[8];
        for (int j = 0; j < 8; j++) v[j] = Vector256.Create(1f, 2, 3, 4, 5, 6, 7, 8) * (j + 1) + Vector256.Create(100f * j);
        var destination = new float[12];
        Array.Fill(destination, -1f);
        Lanes.StoreSums(destination, 2, count, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        for (int k = 0; k < destination.Length; k++)
        {
            int j = k - 2;
            float expected = j >= 0 && j < count ? 36f * (j + 1) + 800f * j : -1f;
            Assert.Equal(expected, destination[k]);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.StoreSums(destination, 5, 8, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
    }

    [Fact]
    public void Widen_sums_in_double()
    {
        var v = Vector256.Create(16777216f, 1f, 1f, 1f, 1f, 1f, 1f, 1f);
        Assert.Equal(16777223.0, Vector256.Sum(Lanes.Widen(v)));
    }

    private static float[] CreateRows(int m, int n)
    {
        var rows = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int k = 0; k < n; k++) rows[i * n + k] = 10f * i + k;
        return rows;
    }
}
