// Command goyaml-oracle converts YAML to JSON as sigs.k8s.io/yaml's YAMLToJSON does (go-yaml v2
// underneath, then JSON), for Tideline's property tests of the YAML it re-reads after post-build
// substitution. ghodss/yaml is the library sigs.k8s.io/yaml was forked from; both sit on go-yaml
// v2.4.0. It reads one JSON request per line on stdin and writes one JSON answer per line.
//
//	{"yaml":"a: 1:30\nb: 0o17\n"} -> {"valid":true,"json":"{\"a\":\"1:30\",\"b\":15}"}
//	{"yaml":"a: [\n"}              -> {"valid":false,"error":"yaml: line 2: did not find expected node content"}
//
// Build (Debian's golang-github-ghodss-yaml-dev, GOPATH mode):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o goyaml-oracle .
package main

import (
	"bufio"
	"encoding/json"
	"os"

	"github.com/ghodss/yaml"
)

type request struct {
	YAML string `json:"yaml"`
}

type answer struct {
	Valid bool   `json:"valid"`
	JSON  string `json:"json,omitempty"`
	Error string `json:"error,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			os.Exit(2)
		}
		var a answer
		if j, err := yaml.YAMLToJSON([]byte(r.YAML)); err != nil {
			a.Error = err.Error()
		} else {
			a = answer{Valid: true, JSON: string(j)}
		}
		if err := enc.Encode(a); err != nil {
			os.Exit(1)
		}
		if err := out.Flush(); err != nil {
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		os.Exit(1)
	}
}
