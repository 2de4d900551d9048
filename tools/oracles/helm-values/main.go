// Oracle for Tideline's HelmRelease config digest: reads JSON objects (one per line, as
// Helm reads values: numbers are float64), converts them as sigs.k8s.io/yaml's
// JSONObjectToYAMLObject does (whole floats become ints), sorts keys recursively as
// fluxcd/pkg chartutil.SortMapSlice does, encodes with go-yaml v2 and prints the YAML (as a
// JSON string) and its sha256, one JSON line per input. Build with GO111MODULE=off
// GOPATH=/usr/share/gocode (Debian's golang-gopkg-yaml.v2-dev).
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	yaml "gopkg.in/yaml.v2"
)

func toYAML(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		if len(t) == 0 {
			return yaml.MapSlice(nil)
		}
		ms := make(yaml.MapSlice, 0, len(t))
		for k, val := range t {
			ms = append(ms, yaml.MapItem{Key: k, Value: toYAML(val)})
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].Key.(string) < ms[j].Key.(string) })
		return ms
	case []interface{}:
		out := make([]interface{}, len(t))
		for i := range t {
			out[i] = toYAML(t[i])
		}
		return out
	case float64:
		if i64 := int64(t); t == float64(i64) {
			if i := int(i64); i64 == int64(i) {
				return i
			}
			return i64
		}
		if u := uint64(t); t == float64(u) {
			return u
		}
		return t
	}
	return v
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var values map[string]interface{}
		if err := json.Unmarshal(in.Bytes(), &values); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var buf bytes.Buffer
		if len(values) > 0 {
			if err := yaml.NewEncoder(&buf).Encode(toYAML(values)); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		answer, _ := json.Marshal(map[string]string{
			"yaml":   buf.String(),
			"digest": fmt.Sprintf("sha256:%x", sha256.Sum256(buf.Bytes())),
		})
		fmt.Fprintln(out, string(answer))
	}
}
