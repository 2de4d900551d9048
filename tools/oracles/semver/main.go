// Command semver-oracle answers semver questions with the real Masterminds semver v3, for
// Tideline's differential tests. It reads one JSON request per line on stdin and writes one
// JSON answer per line on stdout, in order.
//
//	{"op":"check","constraint":">=1.2","version":"1.3.0"}
//	  -> {"valid":true,"constraintValid":true,"versionValid":true,"matches":true}
//	{"op":"compare","a":"1.0.0-alpha","b":"1.0.0"} -> {"valid":true,"result":-1}
//	{"op":"strict","version":"1.2.3"}              -> {"valid":true}
//	{"op":"loose","version":"v1.2"}                -> {"valid":true,"canonical":"1.2.0"}
//
// Build (Debian's golang-github-masterminds-semver-dev, GOPATH mode):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o semver-oracle .
package main

import (
	"bufio"
	"encoding/json"
	"os"

	"github.com/Masterminds/semver"
)

type request struct {
	Op         string `json:"op"`
	Constraint string `json:"constraint"`
	Version    string `json:"version"`
	A          string `json:"a"`
	B          string `json:"b"`
}

type answer struct {
	Valid           bool   `json:"valid"`
	ConstraintValid bool   `json:"constraintValid"`
	VersionValid    bool   `json:"versionValid"`
	Matches         bool   `json:"matches"`
	Result          int    `json:"result"`
	Canonical       string `json:"canonical,omitempty"`
	Error           string `json:"error,omitempty"`
}

func check(r request) answer {
	var a answer
	c, err := semver.NewConstraint(r.Constraint)
	if err != nil {
		a.Error = err.Error()
	} else {
		a.ConstraintValid = true
	}
	v, verr := semver.NewVersion(r.Version)
	a.VersionValid = verr == nil
	a.Valid = a.ConstraintValid && a.VersionValid
	if a.Valid {
		a.Matches = c.Check(v)
	}
	return a
}

func compare(r request) answer {
	a, errA := semver.NewVersion(r.A)
	b, errB := semver.NewVersion(r.B)
	if errA != nil || errB != nil {
		return answer{}
	}
	return answer{Valid: true, Result: a.Compare(b)}
}

func respond(r request) answer {
	switch r.Op {
	case "check":
		return check(r)
	case "compare":
		return compare(r)
	case "strict":
		_, err := semver.StrictNewVersion(r.Version)
		return answer{Valid: err == nil}
	case "loose":
		v, err := semver.NewVersion(r.Version)
		if err != nil {
			return answer{}
		}
		return answer{Valid: true, Canonical: v.String()}
	default:
		return answer{Error: "unknown op " + r.Op}
	}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1024*1024), 1024*1024)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			_ = enc.Encode(answer{Error: err.Error()})
		} else {
			_ = enc.Encode(respond(r))
		}
		// Answer each line at once: a property test waits for it before asking the next.
		_ = out.Flush()
	}
}
