// Command envsubst-oracle expands templates with drone/envsubst, the library fluxcd/pkg's
// envsubst was forked from, for Tideline's property tests of packages/core/src/render/envsubst.
// The fork differs in two ways the tests account for: strict mode (unset variables are errors)
// and backslashes, which the fork escapes only inside ${...}. It reads one JSON request per line
// on stdin and writes one JSON answer per line, in order; unset variables expand to "".
//
//	{"template":"${a:-x}-${b^^}","vars":{"b":"hi"}} -> {"valid":true,"output":"x-HI"}
//	{"template":"${a","vars":{}}                    -> {"valid":false,"error":"missing closing brace"}
//
// Build (Debian's golang-github-drone-envsubst-dev, GOPATH mode):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o envsubst-oracle .
package main

import (
	"bufio"
	"encoding/json"
	"os"

	"github.com/drone/envsubst"
)

type request struct {
	Template string            `json:"template"`
	Vars     map[string]string `json:"vars"`
}

type answer struct {
	Valid  bool   `json:"valid"`
	Output string `json:"output"`
	Error  string `json:"error,omitempty"`
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
		result, err := envsubst.Eval(r.Template, func(name string) string { return r.Vars[name] })
		if err != nil {
			a.Error = err.Error()
		} else {
			a = answer{Valid: true, Output: result}
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
